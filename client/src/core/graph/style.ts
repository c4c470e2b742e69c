/**
 * How each label and relationship type looks: one table each, read by the renderer, the legend and the
 * filters alike. Colours are Tableau 10, distinguishable for most colour-blind readers; structure
 * (documents, sections, measures) is drawn in blue-greys so the entities stand out.
 */
import type { NodeLabel, RelType } from './schema';

export const NODE_COLORS: Record<NodeLabel, string> = {
  Document: '#1f3a5f',
  Section: '#6b7b8f',
  Measure: '#a9b6c4',
  City: '#e15759',
  Port: '#f28e2b',
  Infrastructure: '#9c755f',
  Institution: '#4e79a7',
  Policy: '#b07aa1',
  Zone: '#59a14f',
  Program: '#d4a90f',
  Event: '#ff7f91',
};

/** How a relationship type's edges look: a line, a straight arrow or a curved arrow. */
export type EdgeLook = 'line' | 'arrow' | 'curvedArrow';

export interface EdgeStyle {
  color: string;
  size: number;
  look: EdgeLook;
}

export const EDGE_STYLES: Record<RelType, EdgeStyle> = {
  HAS_SECTION: { color: '#c9d2dc', size: 1, look: 'line' },
  HAS_MEASURE: { color: '#c9d2dc', size: 1, look: 'line' },
  MENTIONS: { color: '#8fa6c4', size: 1.4, look: 'arrow' },
  ASSIGNED_TO: { color: '#f0a35e', size: 1.6, look: 'curvedArrow' },
  LOCATED_IN: { color: '#ec9a9b', size: 1.2, look: 'curvedArrow' },
  PART_OF: { color: '#c45a5c', size: 1.2, look: 'curvedArrow' },
  SUCCEEDED_BY: { color: '#9c755f', size: 1.6, look: 'arrow' },
  IMPLEMENTS: { color: '#b07aa1', size: 2, look: 'arrow' },
  SIGNED_BY: { color: '#4e79a7', size: 2, look: 'arrow' },
  CONTINUES: { color: '#59a14f', size: 1.8, look: 'curvedArrow' },
  SIMILAR_TO: { color: '#edc948', size: 1.6, look: 'curvedArrow' },
};

/**
 * Level of detail: a graph with more relationships than this draws them all as plain lines (no
 * arrowheads, no curves), except those of the hovered or selected node and of a shown path, which keep
 * their look. Thousands of arrowheads are noise at that scale, and they and the curves are most of the
 * frame time where WebGL runs on the CPU (at 1k nodes and 3k relationships: 4.4 fps with them, 6.9
 * without). The seed and graphs of its size are drawn in full.
 */
export const DETAILED_EDGES_MAX = 2000;

/** Whether a graph of `relationships` edges draws the ones not highlighted as plain lines. */
export function plainEdges(relationships: number): boolean {
  return relationships > DETAILED_EDGES_MAX;
}

/**
 * How a relationship is drawn in a graph of `relationships` edges, highlighted or not: its type's
 * look, or `plain` (a thin line, the cheapest to draw) on a large graph.
 */
export function edgeLook(type: RelType, relationships: number, highlighted: boolean): EdgeLook | 'plain' {
  const look = EDGE_STYLES[type]?.look ?? 'line';
  return highlighted || !plainEdges(relationships) ? look : 'plain';
}

/** Colour of what is pushed into the background by a hover or a selection. */
export const MUTED_COLOR = '#e9edf1';

/**
 * Largest size of a node pushed into the background, in pixels at zoom 1. sigma draws every node
 * above every edge, so on a dense graph muted nodes at full size covered the highlighted node's
 * edges (at 10k nodes, 37 of an entity's 38 were hidden under them); as dots they leave them in view
 * and still show where the rest of the graph is.
 */
export const MUTED_NODE_SIZE = 2.5;

/**
 * A CJK-capable font stack for canvas labels and the page alike: Noto CJK (Linux, CI), PingFang
 * (macOS), Microsoft JhengHei (Windows), then whatever sans-serif has the glyphs.
 */
export const FONT_STACK =
  '"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", "Heiti TC", system-ui, sans-serif';
