/**
 * Statistics of the graph as drawn, like Gephi Lite's: counts, density, degree, PageRank
 * (graphology-metrics) and Louvain communities (graphology-communities-louvain), computed in the
 * client over the visible nodes and the relationships shown between them. Parallel relationships
 * count once; PageRank follows their direction (measures point at entities, documents at sections),
 * communities ignore it. Louvain is seeded, so one graph always gets the same communities.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import pagerank from 'graphology-metrics/centrality/pagerank';
import type { ExplorerGraph } from '../../../core/graph/load';

export interface GraphStats {
  nodes: number;
  edges: number;
  /** Directed density: edges / (n·(n−1)). */
  density: number;
  /** Degree in the drawn graph (distinct neighbours). */
  degree: Map<string, number>;
  pagerank: Map<string, number>;
  community: Map<string, number>;
  communities: number;
  /** Keys by PageRank, highest first. */
  top: string[];
}

/** A deterministic random source (mulberry32), so Louvain's answer does not change between runs. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function graphStats(
  graph: ExplorerGraph,
  visible: Iterable<string> = graph.nodes(),
  isEdgeShown: (edge: string) => boolean = () => true,
): GraphStats {
  const directed = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const undirected = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const node of visible) {
    if (!graph.hasNode(node)) continue;
    directed.addNode(node);
    undirected.addNode(node);
  }
  graph.forEachEdge((edge, _a, source, target) => {
    if (source === target || !directed.hasNode(source) || !directed.hasNode(target) || !isEdgeShown(edge))
      return;
    directed.mergeEdge(source, target);
    undirected.mergeEdge(source, target);
  });
  const n = directed.order;
  const edges = directed.size;
  const degree = new Map<string, number>();
  undirected.forEachNode((node) => degree.set(node, undirected.degree(node)));
  const ranks = n ? pagerank(directed, { getEdgeWeight: null }) : {};
  const communities = undirected.size
    ? louvain.detailed(undirected, { rng: seeded(17), getEdgeWeight: null })
    : { communities: Object.fromEntries(undirected.nodes().map((node, i) => [node, i])), count: n };
  // Communities numbered by size, largest first (0), so the palette's first colours go to the largest.
  const members = new Map<number, number>();
  for (const c of Object.values(communities.communities)) members.set(c, (members.get(c) ?? 0) + 1);
  const order = [...members.keys()].sort((a, b) => (members.get(b) ?? 0) - (members.get(a) ?? 0) || a - b);
  const renumber = new Map(order.map((c, i) => [c, i]));
  const rank = new Map(Object.entries(ranks));
  const top = [...rank.keys()].sort((a, b) => (rank.get(b) ?? 0) - (rank.get(a) ?? 0) || a.localeCompare(b));
  return {
    nodes: n,
    edges,
    density: n > 1 ? edges / (n * (n - 1)) : 0,
    degree,
    pagerank: rank,
    community: new Map(
      Object.entries(communities.communities).map(([node, c]) => [node, renumber.get(c) ?? c]),
    ),
    communities: communities.count,
    top,
  };
}
