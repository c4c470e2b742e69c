/** ingest/data/patterns.json, typed and indexed: the word lists the extractors share. */
import raw from '../data/patterns.json';
import type { EntityLabel } from '../../model/graph';

export interface Patterns {
  /** [suffix, type], longest suffix first. */
  heads: Array<[string, EntityLabel]>;
  quoteHeads: Array<[string, EntityLabel]>;
  regionAbbreviations: Set<string>;
  leadVerbs: Set<string>;
  boundaryWords: Set<string>;
  stopPos: Set<string>;
  notHeads: Set<string>;
  inNameVerbs: Set<string>;
  /** Verbs that only qualify the clause verb after them (加快推進). */
  verbQualifiers: Set<string>;
  /** Heads that make a name by themselves: whatever comes before `國家重點實驗室` names it. */
  properHeads: Set<string>;
  /** Regions too broad to name a port or a road (珠三角地區機場 is no airport's name). */
  genericRegions: Set<string>;
  /** Kinds of body or place, not names, even after a place (粵港澳聯合實驗室, 澳門分中心). */
  categories: Set<string>;
  /** Direction and route words inside road and railway names (深圳東部過境高速公路). */
  infrastructureWords: Set<string>;
}

function pairs(table: Record<string, string[]>): Array<[string, EntityLabel]> {
  return Object.entries(table)
    .flatMap(([type, words]) => words.map((w) => [w, type as EntityLabel] as [string, EntityLabel]))
    .sort((a, b) => b[0].length - a[0].length);
}

export const patterns: Patterns = {
  heads: pairs(raw.headSuffixes),
  quoteHeads: pairs(raw.quoteHeads),
  regionAbbreviations: new Set(raw.regionAbbreviations),
  leadVerbs: new Set(raw.leadVerbs),
  boundaryWords: new Set(raw.boundaryWords),
  stopPos: new Set(raw.stopPos),
  notHeads: new Set(raw.notHeads),
  inNameVerbs: new Set(raw.inNameVerbs),
  verbQualifiers: new Set(raw.verbQualifiers),
  properHeads: new Set(raw.properHeads),
  genericRegions: new Set(raw.genericRegions),
  infrastructureWords: new Set(raw.infrastructureWords),
  categories: new Set(raw.categories),
};

/**
 * patterns.heads by last UTF-16 code unit, each group in the list's order, and the empty heads (if
 * any), which come last in the list: a name can only end with the heads of its own last character.
 */
const headsEndingIn = new Map<number, Array<[string, EntityLabel]>>();
const emptyHeads: Array<[string, EntityLabel]> = [];
const NO_HEADS: Array<[string, EntityLabel]> = [];
for (const head of patterns.heads) {
  if (head[0] === '') {
    emptyHeads.push(head);
    continue;
  }
  const last = head[0].charCodeAt(head[0].length - 1);
  const group = headsEndingIn.get(last);
  if (group) group.push(head);
  else headsEndingIn.set(last, [head]);
}

/**
 * The entity type a head noun gives (`…大學` → Institution), if any. `bare` accepts the head noun on
 * its own (a token 聯盟 after a quote); otherwise something must precede it.
 */
export function typeOfHead(name: string, bare = false): EntityLabel | null {
  for (const [suffix, type] of headsEndingIn.get(name.charCodeAt(name.length - 1)) ?? NO_HEADS) {
    if (name.endsWith(suffix) && (bare || name.length > suffix.length)) return type;
  }
  for (const [, type] of emptyHeads) if (bare || name.length > 0) return type;
  return null;
}
