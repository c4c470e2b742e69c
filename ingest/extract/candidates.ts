/**
 * Choosing among overlapping candidates: the longest span wins (a name inside a longer name is
 * not a mention of its own: 香港 in 香港國際機場), and on equal spans the gazetteer beats a quote,
 * which beats a head-noun guess. One exception, by design: a port named after the crossing it
 * serves (港珠澳大橋口岸, 廣深港高速鐵路西九龍站) also mentions that crossing (港珠澳大橋).
 */
import type { EntityLabel } from '../../model/graph';
import type { GazetteerEntry } from '../gazetteer/gazetteer';

export interface Candidate {
  start: number;
  end: number;
  type: EntityLabel;
  source: 'gazetteer' | 'quote' | 'head';
  /** Name without quote marks, when it differs from the surface (quotes). */
  name?: string;
  entry?: GazetteerEntry;
}

const RANK = { gazetteer: 0, quote: 1, head: 2 } as const;

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

export function resolve(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || RANK[a.source] - RANK[b.source] || a.start - b.start,
  );
  const accepted: Candidate[] = [];
  for (const candidate of ordered) {
    if (!accepted.some((a) => overlaps(a, candidate))) accepted.push(candidate);
  }
  const isAccepted = new Set(accepted);
  const facilities = candidates.filter(
    (c) =>
      c.source === 'gazetteer' &&
      (c.type === 'Infrastructure' || c.type === 'Port') &&
      !isAccepted.has(c) &&
      accepted.some(
        (a) => a.type === 'Port' && a.start === c.start && a.end > c.end && a.entry?.key !== c.entry?.key,
      ),
  );
  const unique = facilities.filter(
    (f, i) => facilities.findIndex((g) => g.start === f.start && g.end === f.end) === i,
  );
  return [...accepted, ...unique].sort((a, b) => a.start - b.start || b.end - a.end);
}
