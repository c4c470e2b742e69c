/**
 * The ForceAtlas2 layout itself, apart from Neo4j and the cache (server/graph/layout.ts), so that a
 * worker thread (layout-worker.cjs) can load it alone.
 *
 * Deterministic: nodes and edges enter in key order, each node starts at a point derived from its key
 * alone (a node keeps its start point when other documents arrive), and the iteration count is fixed
 * (fewer, at full speed, above LARGE_GRAPH_NODES: see LARGE_GRAPH_ITERATIONS).
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { createHash } from 'node:crypto';

export interface Position {
  x: number;
  y: number;
}

export type Positions = ReadonlyMap<string, Position>;

/** The whole graph's shape: node keys and directed edges between them. */
export interface Structure {
  nodes: string[];
  edges: [source: string, target: string][];
}

/** Enough for the seed and a few hundred documents to settle; fixed, so reruns agree. */
export const LAYOUT_ITERATIONS = 300;
/** Above this many nodes ForceAtlas2 approximates repulsion (Barnes-Hut, as inferSettings says). */
export const LARGE_GRAPH_NODES = 2000;
/**
 * Iterations for a larger graph, taken at full speed (slowDown 1, not inferSettings' 1 + ln n).
 * At 10k nodes and 30k edges one iteration costs ~100 ms on two busy cores: 300 at the inferred
 * slow-down (≈ 10) took 35–40 s, blocking the event loop so long that the first /api/graph after an
 * ingest outlived its own query's timeout. 40 at full speed move the nodes further and settle the
 * same clusters (one per document, shared entities between them) in under a seventh of the time.
 */
export const LARGE_GRAPH_ITERATIONS = 40;
const START_SPREAD = 100;

/** Where a node starts: a point in [-100, 100]² from the hash of its key. */
export function startPosition(key: string): Position {
  const hash = createHash('sha1').update(key).digest();
  const unit = (offset: number) => hash.readUInt32BE(offset) / 0xffffffff;
  return { x: (unit(0) * 2 - 1) * START_SPREAD, y: (unit(4) * 2 - 1) * START_SPREAD };
}

const round = (n: number) => Math.round(n * 100) / 100;

export function computeLayout({ nodes, edges }: Structure): Map<string, Position> {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  for (const key of [...new Set(nodes)].sort()) graph.addNode(key, startPosition(key));
  const ordered = edges
    .filter(([source, target]) => graph.hasNode(source) && graph.hasNode(target))
    .sort(([a, b], [c, d]) => (a === c ? (b < d ? -1 : b > d ? 1 : 0) : a < c ? -1 : 1));
  for (const [source, target] of ordered) graph.addDirectedEdge(source, target);
  const positions = new Map<string, Position>();
  if (graph.order === 0) return positions;
  const large = graph.order > LARGE_GRAPH_NODES;
  const settings = forceAtlas2.inferSettings(graph);
  const layout = forceAtlas2(graph, {
    iterations: large ? LARGE_GRAPH_ITERATIONS : LAYOUT_ITERATIONS,
    settings: large ? { ...settings, slowDown: 1 } : settings,
  });
  for (const [key, { x, y }] of Object.entries(layout)) positions.set(key, { x: round(x), y: round(y) });
  return positions;
}
