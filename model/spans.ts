/**
 * Where a mention stands in its measure's text: [start, end) offsets in UTF-16 code units. On the
 * wire (the API, the export, the client) always a list of pairs `[[start, end], …]`; Neo4j stores the
 * same flat (`MENTIONS.spans = [start0, end0, start1, end1, …]`), since it has no lists of lists.
 */

export type Span = [number, number];

/** Neo4j's flat list as pairs; anything else (null, odd leftovers) drops out. */
export function spanPairs(flat: unknown): Span[] {
  if (!Array.isArray(flat)) return [];
  const pairs: Span[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([Number(flat[i]), Number(flat[i + 1])]);
  return pairs;
}

/** Pairs as Neo4j stores them. */
export function flatSpans(pairs: readonly Span[]): number[] {
  return pairs.flatMap(([start, end]) => [start, end]);
}
