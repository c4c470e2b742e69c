/**
 * The node list's rows: the nodes the view shows (FilterController's visible set, the same the canvas
 * draws), each with its name, type and degree, in the order asked for. Pure.
 */
import type { ExplorerGraph } from '../../../core/graph/load';
import { NODE_LABELS, type NodeLabel } from '../../../core/graph/schema';

export const NODE_SORTS = ['type', 'name', 'degree'] as const;
export type NodeSort = (typeof NODE_SORTS)[number];

export interface NodeRow {
  key: string;
  name: string;
  label: NodeLabel;
  /** Relationships in the loaded graph, as the minimum-degree filter counts them. */
  degree: number;
}

const TYPE_ORDER = new Map<NodeLabel, number>(NODE_LABELS.map((label, i) => [label, i]));

/**
 * `name` names a node as the panels do (details/parts.ts's shortName, kept out of this DOM-free
 * module). `type`: grouped by type in the legend's order, by name within a type; `name`: by name;
 * `degree`: most connected first. Ties go by name, then key, so the order never depends on the
 * set's iteration order.
 */
export function nodeRows(
  graph: ExplorerGraph,
  visible: Iterable<string>,
  sort: NodeSort,
  collator: Intl.Collator,
  name: (key: string) => string,
): NodeRow[] {
  const rows: NodeRow[] = [];
  for (const key of visible) {
    if (!graph.hasNode(key)) continue;
    rows.push({
      key,
      name: name(key) || key,
      label: graph.getNodeAttribute(key, 'label'),
      degree: graph.degree(key),
    });
  }
  const byName = (a: NodeRow, b: NodeRow) =>
    collator.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const compare: Record<NodeSort, (a: NodeRow, b: NodeRow) => number> = {
    type: (a, b) => (TYPE_ORDER.get(a.label) ?? 99) - (TYPE_ORDER.get(b.label) ?? 99) || byName(a, b),
    name: byName,
    degree: (a, b) => b.degree - a.degree || byName(a, b),
  };
  return rows.sort(compare[sort]);
}
