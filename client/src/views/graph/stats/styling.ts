/**
 * Size and colour by an attribute, as Gephi Lite's appearance panel does: colour by type (the
 * default), community, year, degree, measures or PageRank; size by the server's measure count (the
 * default), degree, measures or PageRank. A categorical attribute gets a palette, a numeric one a
 * sequential ramp; `legendOf` says what each colour means, for the legend and the exports. Pure.
 */
import type { ExplorerGraph } from '../../../core/graph/load';
import { NODE_COLORS } from '../../../core/graph/style';
import type { NodeLabel } from '../../../core/graph/schema';
import type { GraphStats } from './metrics';

export const COLOR_BY = ['type', 'community', 'year', 'degree', 'measures', 'pagerank'] as const;
export const SIZE_BY = ['default', 'degree', 'measures', 'pagerank'] as const;
export type ColorBy = (typeof COLOR_BY)[number];
export type SizeBy = (typeof SIZE_BY)[number];

export interface StyleChoice {
  color: ColorBy;
  size: SizeBy;
}

export const DEFAULT_STYLE: StyleChoice = { color: 'type', size: 'default' };

/** Tableau 10: distinguishable for most colour-blind readers; communities past ten share grey. */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
export const OTHER_COLOR = '#d3d8de';
/** Light to dark blue (low to high). */
const RAMP: [number, number, number][] = [
  [0xde, 0xeb, 0xf7],
  [0x6b, 0xae, 0xd6],
  [0x08, 0x30, 0x6b],
];

export function statsNeeded(choice: StyleChoice): boolean {
  return (
    ['community', 'degree', 'pagerank'].includes(choice.color) || ['degree', 'pagerank'].includes(choice.size)
  );
}

/** A node's value of a numeric attribute; undefined where it has none. */
export function valueOf(
  graph: ExplorerGraph,
  stats: GraphStats | null,
  node: string,
  by: Exclude<ColorBy, 'type'> | Exclude<SizeBy, 'default'>,
): number | undefined {
  const a = graph.getNodeAttributes(node);
  if (by === 'degree') return stats?.degree.get(node);
  if (by === 'pagerank') return stats?.pagerank.get(node);
  if (by === 'community') return stats?.community.get(node);
  const value = by === 'year' ? a.year : a.measures;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function hex(n: number): string {
  return Math.round(n).toString(16).padStart(2, '0');
}

/** Position `t` (0..1) on the ramp. */
export function ramp(t: number): string {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  const scaled = clamped * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const [a, b] = [RAMP[i]!, RAMP[i + 1]!];
  return `#${a.map((c, k) => hex(c + (b[k]! - c) * f)).join('')}`;
}

export interface Extent {
  min: number;
  max: number;
}

function extent(values: Iterable<number | undefined>): Extent | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === undefined) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return min <= max ? { min, max } : null;
}

/** The colour and size of each of `nodes` for `choice`. */
export function computeStyle(
  graph: ExplorerGraph,
  stats: GraphStats | null,
  nodes: string[],
  choice: StyleChoice,
): Map<string, { color: string; size: number }> {
  const out = new Map<string, { color: string; size: number }>();
  const colorBy = choice.color;
  const colorExtent =
    colorBy === 'type' || colorBy === 'community'
      ? null
      : extent(nodes.map((n) => valueOf(graph, stats, n, colorBy)));
  const sizeBy = choice.size;
  const sizeExtent = sizeBy === 'default' ? null : extent(nodes.map((n) => valueOf(graph, stats, n, sizeBy)));
  for (const node of nodes) {
    const a = graph.getNodeAttributes(node);
    const baseSize = typeof a.baseSize === 'number' ? a.baseSize : a.size;
    let color = NODE_COLORS[a.label as NodeLabel] ?? OTHER_COLOR;
    if (colorBy === 'community') {
      const c = valueOf(graph, stats, node, 'community');
      color = c !== undefined && c < PALETTE.length ? PALETTE[c]! : OTHER_COLOR;
    } else if (colorBy !== 'type') {
      const v = valueOf(graph, stats, node, colorBy);
      color =
        v === undefined || !colorExtent
          ? OTHER_COLOR
          : ramp(
              colorExtent.max > colorExtent.min
                ? (v - colorExtent.min) / (colorExtent.max - colorExtent.min)
                : 1,
            );
    }
    let size = baseSize;
    if (sizeBy !== 'default') {
      const v = valueOf(graph, stats, node, sizeBy);
      const t =
        v === undefined || !sizeExtent || sizeExtent.max === sizeExtent.min
          ? 0
          : (v - sizeExtent.min) / (sizeExtent.max - sizeExtent.min);
      // Area grows with the value: 3 px to 24 px.
      size = Math.round((3 + 21 * Math.sqrt(t)) * 100) / 100;
    }
    out.set(node, { color, size });
  }
  return out;
}

export type Legend =
  | { kind: 'categories'; entries: { color: string; name: string }[] }
  | { kind: 'scale'; min: number; max: number; colors: string[] };

/**
 * What the colours mean: the types or communities shown with their colour, or the ramp from the
 * lowest to the highest value. `typeName` names a node type in the UI's language.
 */
export function legendOf(
  graph: ExplorerGraph,
  stats: GraphStats | null,
  nodes: string[],
  by: ColorBy,
  typeName: (label: NodeLabel) => string,
  communityName: (index: number) => string,
): Legend {
  if (by === 'type') {
    const labels = new Set(nodes.map((n) => graph.getNodeAttribute(n, 'label')));
    return {
      kind: 'categories',
      entries: (Object.keys(NODE_COLORS) as NodeLabel[])
        .filter((label) => labels.has(label))
        .map((label) => ({ color: NODE_COLORS[label], name: typeName(label) })),
    };
  }
  if (by === 'community') {
    const sizes = new Map<number, number>();
    for (const n of nodes) {
      const c = stats?.community.get(n);
      if (c !== undefined) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    }
    const entries = [...sizes.keys()]
      .sort((x, y) => x - y)
      .slice(0, PALETTE.length)
      .map((c) => ({ color: PALETTE[c] ?? OTHER_COLOR, name: communityName(c) }));
    return { kind: 'categories', entries };
  }
  const range = extent(nodes.map((n) => valueOf(graph, stats, n, by))) ?? { min: 0, max: 0 };
  return { kind: 'scale', ...range, colors: [0, 0.25, 0.5, 0.75, 1].map(ramp) };
}
