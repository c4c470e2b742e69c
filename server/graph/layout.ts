/**
 * Stable positions for the graph views: one ForceAtlas2 layout of the whole graph, computed when the
 * graph changes and kept in memory, so every view (/api/graph with any filter, a neighbourhood, an
 * export) places a node at the same point and the client never starts from chaos.
 * The layout itself is in force-layout.ts; above OFF_THREAD_NODES it runs in a worker thread, so
 * the server goes on answering other requests while a large graph is laid out.
 * The cache is keyed by a version of the graph: the documents' (key, sha256) list and the node and
 * relationship counts, which Neo4j answers from its count store.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Connection } from '../../store/connection';
import { computeLayout, startPosition, type Position, type Positions, type Structure } from './force-layout';
import { readRecords } from '../../store/read';
import { GRAPH_NODE, GRAPH_NODE_COUNT, graphNode } from '../../store/schema';

export {
  computeLayout,
  LARGE_GRAPH_ITERATIONS,
  LARGE_GRAPH_NODES,
  LAYOUT_ITERATIONS,
  startPosition,
  type Position,
  type Positions,
  type Structure,
} from './force-layout';

/**
 * Above this many nodes the graph is a corpus: never laid out or sent whole (each view is laid out by
 * itself, and /api/graph sends the overview, overview.ts). GRAPH_OVERVIEW_FROM overrides it.
 */
export const WHOLE_GRAPH_NODES = 3_000;

export function wholeGraphLimit(): number {
  const configured = Number(process.env.GRAPH_OVERVIEW_FROM);
  return Number.isInteger(configured) && configured >= 0 ? configured : WHOLE_GRAPH_NODES;
}
/** The version of the empty layout of a graph too large to lay out whole. */
export const PER_VIEW = 'per-view';

export interface Layout {
  version: string;
  positions: Positions;
}

/**
 * Above this many nodes the layout runs in a worker thread. Measured on this 2-core machine (trees,
 * in one process): 131 nodes (the seed) 0.14 s, 300 nodes 0.4 s, 600 nodes 1.6 s, 1000 nodes 4.2 s,
 * during which the event loop would answer nothing. The worker costs ~0.3 s to start, once.
 */
export const OFF_THREAD_NODES = 200;

const WORKER = path.join(__dirname, 'layout-worker.cjs');

interface Job {
  resolve(positions: Map<string, Position>): void;
  reject(error: Error): void;
}

/**
 * One worker thread for every layout, started on first use and kept (starting one costs ~0.3 s):
 * it lays out one graph at a time, in the order asked, so graph versions arriving in a burst queue
 * up instead of each taking a core. Unreferenced while idle, so it never keeps the process alive.
 */
let layoutWorker: { worker: Worker; jobs: Map<number, Job> } | null = null;
let nextJob = 0;

function worker(): { worker: Worker; jobs: Map<number, Job> } {
  if (layoutWorker) return layoutWorker;
  // execArgv: [] because the worker loads tsx itself (layout-worker.cjs), under npm start and jest.
  const current = { worker: new Worker(WORKER, { execArgv: [] }), jobs: new Map<number, Job>() };
  const fail = (error: Error) => {
    if (layoutWorker === current) layoutWorker = null;
    for (const job of current.jobs.values()) job.reject(error);
    current.jobs.clear();
  };
  current.worker.on(
    'message',
    (message: { id: number; positions?: Map<string, Position>; error?: string }) => {
      const job = current.jobs.get(message.id);
      if (!job) return;
      current.jobs.delete(message.id);
      if (message.positions) job.resolve(message.positions);
      else job.reject(new Error(`The layout failed: ${message.error}`));
      if (current.jobs.size === 0) current.worker.unref();
    },
  );
  current.worker.on('error', fail);
  current.worker.on('exit', (code) =>
    fail(new Error(`The layout worker (${WORKER}) exited with code ${code}`)),
  );
  current.worker.unref();
  layoutWorker = current;
  return current;
}

/** computeLayout in the layout worker thread: the same positions, without blocking the event loop. */
export function computeLayoutOffThread(structure: Structure): Promise<Map<string, Position>> {
  const { worker: thread, jobs } = worker();
  const id = nextJob++;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    thread.ref();
    thread.postMessage({ id, structure });
  });
}

/** The layout of `structure`: in this thread for a small graph, in a worker for a large one. */
export function layoutOf(structure: Structure): Promise<Map<string, Position>> {
  return structure.nodes.length > OFF_THREAD_NODES
    ? computeLayoutOffThread(structure)
    : Promise.resolve(computeLayout(structure));
}

const VERSION = `
CALL () { MATCH (d:Document) WITH d ORDER BY d.key RETURN collect([d.key, d.sha256]) AS documents }
CALL () { RETURN ${GRAPH_NODE_COUNT} AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN documents, nodes, relationships`;

const STRUCTURE = `
MATCH (n) WHERE ${GRAPH_NODE}
RETURN n.key AS key,
       [(n)-[]->(t) WHERE ${graphNode('t')} | t.key] AS targets`;

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
  // A corpus is never laid out whole (minutes, and no screen shows it): each view lays out what it
  // shows (graph.ts), and the overview has its own (overview.ts).
  const [size] = await readRecords(connection, `RETURN ${GRAPH_NODE_COUNT} AS n`);
  if (Number(size?.get('n') ?? 0) > wholeGraphLimit()) return { version: PER_VIEW, positions: new Map() };
  const version = await graphVersion(connection);
  const cached = layouts.get(connection);
  if (cached?.version === version) return cached.layout;
  const layout = readStructure(connection).then(async (structure) => ({
    version,
    positions: await layoutOf(structure),
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
