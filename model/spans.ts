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

/**
 * Two texts aligned (a measure and the one it continues, `CONTINUES.alignment`): runs of identical
 * characters, `[start, end)` in the first text and `[start, end)` in the second. On the wire a list of
 * quadruples; Neo4j stores them flat, four numbers each.
 */
export type AlignmentBlock = [number, number, number, number];

/** Neo4j's flat list as blocks; anything else drops out. */
export function alignmentBlocks(flat: unknown): AlignmentBlock[] {
  if (!Array.isArray(flat)) return [];
  const blocks: AlignmentBlock[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4)
    blocks.push([Number(flat[i]), Number(flat[i + 1]), Number(flat[i + 2]), Number(flat[i + 3])]);
  return blocks;
}

/** Blocks as Neo4j stores them. */
export function flatAlignment(blocks: readonly AlignmentBlock[]): number[] {
  return blocks.flat();
}
