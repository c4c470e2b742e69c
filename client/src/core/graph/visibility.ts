/**
 * Which nodes and edges the view shows: the filters (labels, document, section, year, relationship
 * types, minimum degree, then the statistics: communities and PageRank), the ego view (what lies within `depth` hops of a centre), the nodes a user
 * expanded on purpose and those of a path being shown. Pure: the graph view's reducers read the result, the graph is never copied.
 */
import type { ExplorerGraph } from './load';
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from './schema';

export interface Filters {
  /** Node labels shown. */
  labels: NodeLabel[];
  /** Relationship types shown (and walked by the ego view). */
  rels: RelType[];
  document: string | null;
  section: string | null;
  /** Only the plans of this year (and what their measures touch); null: every year. */
  year: number | null;
  minDegree: number;
  /**
   * Filters by the graph's statistics (views/graph/stats/), computed over what the filters above
   * show: only these Louvain communities (numbered by size, largest 0), only the `topRank` nodes of
   * highest PageRank, only nodes of PageRank at least `minRank`. Absent: no such filter.
   */
  communities?: number[];
  topRank?: number;
  minRank?: number;
}

export const DEFAULT_FILTERS: Filters = {
  labels: [...NODE_LABELS],
  rels: [...REL_TYPES],
  document: null,
  section: null,
  year: null,
  minDegree: 0,
};

export interface Ego {
  center: string;
  depth: number;
}

export const EGO_DEPTHS = [1, 2, 3] as const;

export interface Scope {
  ego: Ego | null;
  /** Shown whatever the filters say: neighbours a user expanded. */
  expanded: string[];
  /** Always shown. */
  selected: string | null;
  /** Always shown too: the nodes of a path between two entities. */
  pinned?: Iterable<string>;
}

/** Nodes within `depth` hops of `center`, walking edges of the given types in either direction. */
export function neighbourhood(
  graph: ExplorerGraph,
  center: string,
  depth: number,
  rels: ReadonlySet<RelType> = new Set(REL_TYPES),
): Set<string> {
  const seen = new Set<string>([center]);
  if (!graph.hasNode(center)) return seen;
  let frontier = [center];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const node of frontier)
      graph.forEachEdge(node, (_e, a, source, target) => {
        const other = source === node ? target : source;
        if (rels.has(a.type) && !seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      });
    frontier = next;
  }
  return seen;
}

/** Sections at and under `section`, and the measures they hold. */
function sectionScope(graph: ExplorerGraph, section: string): Set<string> {
  const scope = new Set<string>();
  const stack = [section];
  while (stack.length) {
    const node = stack.pop() as string;
    if (scope.has(node) || !graph.hasNode(node)) continue;
    scope.add(node);
    graph.forEachOutEdge(node, (_e, a, _s, target) => {
      if (a.type === 'HAS_SECTION' || a.type === 'HAS_MEASURE') stack.push(target);
    });
  }
  return scope;
}

/** Structure nodes of one document (the document, its sections, its measures). */
function documentScope(graph: ExplorerGraph, document: string): Set<string> {
  const scope = new Set<string>();
  if (graph.hasNode(document)) scope.add(document);
  graph.forEachNode((node, a) => {
    if ((a.label === 'Section' || a.label === 'Measure') && a.document === document) scope.add(node);
  });
  return scope;
}

/** Structure nodes of the plans of one year. */
function yearScope(graph: ExplorerGraph, year: number): Set<string> {
  const documents = new Set<string>();
  graph.forEachNode((node, a) => {
    if (a.label === 'Document' && a.year === year) documents.add(node);
  });
  const scope = new Set(documents);
  graph.forEachNode((node, a) => {
    if ((a.label === 'Section' || a.label === 'Measure') && documents.has(a.document as string))
      scope.add(node);
  });
  return scope;
}

/** The years the graph's plans carry, in order. */
export function planYears(graph: ExplorerGraph): number[] {
  const years = new Set<number>();
  graph.forEachNode((_node, a) => {
    if (a.label === 'Document' && typeof a.year === 'number') years.add(a.year);
  });
  return [...years].sort((a, b) => a - b);
}

/** A structural scope plus the entities its nodes touch directly. */
function withEntities(graph: ExplorerGraph, structure: Set<string>): Set<string> {
  const scope = new Set(structure);
  for (const node of structure)
    graph.forEachNeighbor(node, (neighbor, a) => {
      if (a.label !== 'Document' && a.label !== 'Section' && a.label !== 'Measure') scope.add(neighbor);
    });
  return scope;
}

export function visibleNodes(graph: ExplorerGraph, filters: Filters, scope: Scope): Set<string> {
  const labels = new Set(filters.labels);
  const rels = new Set(filters.rels);
  const structure = filters.section
    ? sectionScope(graph, filters.section)
    : filters.document
      ? documentScope(graph, filters.document)
      : null;
  const ofYear = filters.year !== null ? yearScope(graph, filters.year) : null;
  const scoped =
    structure && ofYear ? new Set([...structure].filter((n) => ofYear.has(n))) : (structure ?? ofYear);
  const within = scoped ? withEntities(graph, scoped) : null;
  const ego = scope.ego && graph.hasNode(scope.ego.center) ? scope.ego : null;
  const around = ego ? neighbourhood(graph, ego.center, ego.depth, rels) : null;

  const visible = new Set<string>();
  graph.forEachNode((node, a) => {
    if (!labels.has(a.label)) return;
    if (within && !within.has(node)) return;
    if (around && !around.has(node)) return;
    if (graph.degree(node) < filters.minDegree) return;
    visible.add(node);
  });
  for (const node of [ego?.center, scope.selected, ...scope.expanded, ...(scope.pinned ?? [])])
    if (node && graph.hasNode(node)) visible.add(node);
  return visible;
}

export function edgeVisible(
  graph: ExplorerGraph,
  edge: string,
  visible: ReadonlySet<string>,
  rels: ReadonlySet<RelType>,
): boolean {
  return (
    rels.has(graph.getEdgeAttribute(edge, 'type')) &&
    visible.has(graph.source(edge)) &&
    visible.has(graph.target(edge))
  );
}

/** The statistics the filters by statistics read (views/graph/stats/metrics.ts computes them). */
export interface RankStats {
  pagerank: ReadonlyMap<string, number>;
  community: ReadonlyMap<string, number>;
  /** Keys by PageRank, highest first. */
  top: readonly string[];
}

export function filtersByStats(filters: Filters): boolean {
  return !!filters.communities?.length || filters.topRank !== undefined || filters.minRank !== undefined;
}

/**
 * The nodes of `nodes` that the filters by statistics keep (all of them when there is none); those
 * of `keep` (the selection, the ego view's centre, expanded nodes, a path) stay whatever they say.
 */
export function byStats(
  nodes: ReadonlySet<string>,
  stats: RankStats,
  filters: Filters,
  keep: Iterable<string | null | undefined> = [],
): Set<string> {
  if (!filtersByStats(filters)) return new Set(nodes);
  const communities = filters.communities?.length ? new Set(filters.communities) : null;
  const top = filters.topRank !== undefined ? new Set(stats.top.slice(0, filters.topRank)) : null;
  const min = filters.minRank;
  const kept = new Set<string>();
  for (const node of nodes) {
    const community = stats.community.get(node);
    if (communities && (community === undefined || !communities.has(community))) continue;
    if (top && !top.has(node)) continue;
    if (min !== undefined && (stats.pagerank.get(node) ?? 0) < min) continue;
    kept.add(node);
  }
  for (const node of keep) if (node && nodes.has(node)) kept.add(node);
  return kept;
}
