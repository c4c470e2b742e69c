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

/**
 * A candidate, always with every field (absent ones undefined): candidates of one shape keep the code
 * that compares them from being recompiled for each new shape it meets.
 */
export function candidate(
  start: number,
  end: number,
  type: EntityLabel,
  source: Candidate['source'],
  name?: string,
  entry?: GazetteerEntry,
): Candidate {
  return { start, end, type, source, name, entry };
}

const RANK = { gazetteer: 0, quote: 1, head: 2 } as const;

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Longest first; on equal length the better source; then leftmost. */
function byPreference(a: Candidate, b: Candidate): number {
  return b.end - b.start - (a.end - a.start) || RANK[a.source] - RANK[b.source] || a.start - b.start;
}

function byPosition(a: Candidate, b: Candidate): number {
  return a.start - b.start || b.end - a.end;
}

/** A gazetteer facility (a crossing) a longer accepted port of another entry starts with. */
function isServedFacility(c: Candidate, accepted: readonly Candidate[]): boolean {
  if (c.source !== 'gazetteer' || (c.type !== 'Infrastructure' && c.type !== 'Port')) return false;
  for (const a of accepted)
    if (a.type === 'Port' && a.start === c.start && a.end > c.end && a.entry?.key !== c.entry?.key)
      return true;
  return false;
}

// Plain loops over the (few) candidates of a measure: this runs for every measure.
export function resolve(candidates: Candidate[]): Candidate[] {
  const ordered = candidates.slice().sort(byPreference);
  const accepted: Candidate[] = [];
  for (const candidate of ordered) {
    let free = true;
    for (const a of accepted) if (overlaps(a, candidate)) free = false;
    if (free) accepted.push(candidate);
  }
  const isAccepted = new Set(accepted);
  const out = accepted.slice();
  // Facilities not accepted, each span once (the first of those sharing it).
  const facilities: Candidate[] = [];
  for (const c of candidates) if (!isAccepted.has(c) && isServedFacility(c, accepted)) facilities.push(c);
  facilities.forEach((f, i) => {
    for (let k = 0; k < i; k++) if (facilities[k]!.start === f.start && facilities[k]!.end === f.end) return;
    out.push(f);
  });
  return out.sort(byPosition);
}
