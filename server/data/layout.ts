/**
 * Stable positions for the graph views: one ForceAtlas2 layout of the whole graph, computed when the
 * graph changes and kept in memory, so every view (/api/graph with any filter, a neighbourhood, an
 * export) places a node at the same point and the client never starts from chaos.
 *
 * Deterministic: nodes and edges enter in key order, each node starts at a point derived from its key
 * alone (a node keeps its start point when other documents arrive), and the iteration count is fixed
 * (fewer, at full speed, above LARGE_GRAPH_NODES: see LARGE_GRAPH_ITERATIONS).
 * The cache is keyed by a version of the graph: the documents' (key, sha256) list and the node and
 * relationship counts, which Neo4j answers from its count store.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { createHash } from 'node:crypto';
import type { Connection } from '../db/connection';
import { readRecords } from './read';

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

export interface Layout {
  version: string;
  positions: Positions;
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

const VERSION = `
CALL () { MATCH (d:Document) WITH d ORDER BY d.key RETURN collect([d.key, d.sha256]) AS documents }
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN documents, nodes, relationships`;

const STRUCTURE = `
MATCH (n) WHERE n:Document OR n:Section OR n:Measure OR n:Entity
RETURN n.key AS key,
       [(n)-[]->(t) WHERE t:Document OR t:Section OR t:Measure OR t:Entity | t.key] AS targets`;

export async function graphVersion(connection: Connection): Promise<string> {
  const [record] = await readRecords(connection, VERSION);
  const parts = record ? [record.get('documents'), record.get('nodes'), record.get('relationships')] : [];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

async function readStructure(connection: Connection): Promise<Structure> {
  const records = await readRecords(connection, STRUCTURE);
  const nodes: string[] = [];
  const edges: [string, string][] = [];
  for (const record of records) {
    const key = String(record.get('key'));
    nodes.push(key);
    for (const target of record.get('targets') as string[]) edges.push([key, target]);
  }
  return { nodes, edges };
}

const layouts = new WeakMap<Connection, { version: string; layout: Promise<Layout> }>();

/**
 * The layout of the graph `connection` holds now: from the cache when the version is unchanged,
 * else computed once (concurrent requests share the computation).
 */
export async function currentLayout(connection: Connection): Promise<Layout> {
  const version = await graphVersion(connection);
  const cached = layouts.get(connection);
  if (cached?.version === version) return cached.layout;
  const layout = readStructure(connection).then((structure) => ({
    version,
    positions: computeLayout(structure),
  }));
  layouts.set(connection, { version, layout });
  layout.catch(() => {
    if (layouts.get(connection)?.layout === layout) layouts.delete(connection);
  });
  return layout;
}

/** A node's position in `layout`, or its start point when it arrived after the layout was read. */
export function positionOf(layout: Layout, key: string): Position {
  return layout.positions.get(key) ?? startPosition(key);
}
