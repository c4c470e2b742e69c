/**
 * The overview `/api/graph` sends when the graph is too large to draw whole (more than
 * wholeGraphLimit() nodes: a corpus, not a plan): the OVERVIEW_ENTITIES entities most measures touch
 * and the OVERVIEW_DOCUMENTS largest documents, each document's measures folded into one weighted
 * MENTIONS edge per entity (`measures`: how many of its measures touch it; `folded`: true) for the
 * OVERVIEW_EDGES_PER_DOCUMENT entities it touches most, plus the places those entities lie in. It fits a screen; the rest is loaded on demand (a document's graph,
 * an entity's measures, search). The attribute `overview` says what was left out, with totals.
 *
 * It is computed once per graph version (store/version.ts) with its layout, in the background, and
 * kept in memory and on disk (.data/cache), so a restart does not recompute it and a request never
 * waits for a new one when an older one exists: while the overview of a newer version is being
 * computed, the last one is served (`attributes.stale: true`).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GraphResponse, OverviewInfo } from '../../model/api';
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { toProperties } from '../../store/values';
import { CACHE_DIR } from '../../store/repo';
import { graphVersionOf } from '../../store/version';
import { GRAPH_NODE_COUNT } from '../../store/schema';
import { layoutOf, wholeGraphLimit } from './layout';
import type { NodeRow } from './graph';

export const OVERVIEW_ENTITIES = 400;
export const OVERVIEW_DOCUMENTS = 120;
/** A plan's folded edges: the entities it touches most (all 400 drew a hairball of 1.9 MB). */
export const OVERVIEW_EDGES_PER_DOCUMENT = 15;

const OVERVIEW = `
CALL () {
  MATCH (e:Entity)
  WITH e, COUNT { (e)<-[:MENTIONS|ASSIGNED_TO]-() } AS degree
  ORDER BY degree DESC, e.key LIMIT $entities
  RETURN collect(e) AS entities
}
CALL () {
  MATCH (d:Document)
  WITH d, COUNT { MATCH (m:Measure {document: d.key}) } AS measures
  ORDER BY measures DESC, d.key LIMIT $documents
  RETURN collect(d) AS documents
}
CALL () {
  RETURN ${GRAPH_NODE_COUNT} AS nodes
}
CALL () {
  MATCH (e:Entity) RETURN count(e) AS allEntities
}
CALL () {
  MATCH (d:Document) RETURN count(d) AS allDocuments
}
CALL () {
  MATCH (m:Measure) RETURN count(m) AS allMeasures
}
UNWIND entities + documents AS n
CALL (n, entities) {
  WITH n, entities WHERE n:Entity
  RETURN COLLECT {
    MATCH (n)-[r:LOCATED_IN|PART_OF|SUCCEEDED_BY]->(t) WHERE t IN entities
    RETURN {type: type(r), target: t.key, properties: {}}
  } AS out
  UNION
  WITH n, entities WHERE n:Document
  CALL (n, entities) {
    OPTIONAL MATCH (m:Measure {document: n.key})-[:MENTIONS|ASSIGNED_TO]->(t:Entity) WHERE t IN entities
    WITH t, count(DISTINCT m) AS folded
    ORDER BY folded DESC, t.key
    LIMIT $edgesPerDocument
    RETURN collect(CASE WHEN t IS NOT NULL THEN {type: 'MENTIONS', target: t.key, properties: {measures: folded, folded: true}} END) AS out
  }
  RETURN out
}
RETURN n.key AS key, labels(n) AS labels, properties(n) AS properties,
  COUNT { (n)--() } AS degree,
  CASE WHEN n:Entity THEN COUNT { MATCH (n)<-[:MENTIONS|ASSIGNED_TO]-(m:Measure) RETURN DISTINCT m }
       ELSE COUNT { MATCH (m:Measure {document: n.key}) } END AS measures,
  out,
  nodes, allEntities, allDocuments, allMeasures`;

export interface Overview {
  version: string;
  graph: GraphResponse;
}

/** Whether the graph is large enough for the overview (Neo4j answers the count from its count store). */
export async function wantsOverview(connection: Connection): Promise<boolean> {
  const [record] = await readRecords(connection, `RETURN ${GRAPH_NODE_COUNT} AS n`);
  return Number(record?.get('n') ?? 0) > wholeGraphLimit();
}

async function computeOverview(
  connection: Connection,
  version: string,
  serialize: (rows: NodeRow[], positions: Map<string, { x: number; y: number }>) => GraphResponse,
): Promise<Overview> {
  const records = await readRecords(
    connection,
    OVERVIEW,
    {
      entities: OVERVIEW_ENTITIES,
      documents: OVERVIEW_DOCUMENTS,
      edgesPerDocument: OVERVIEW_EDGES_PER_DOCUMENT,
    },
    { timeoutMs: 300_000 },
  );
  const rows: NodeRow[] = records.map((r) => ({
    key: String(r.get('key')),
    labels: r.get('labels') as string[],
    properties: toProperties(r.get('properties')),
    degree: Number(r.get('degree')),
    measures: Number(r.get('measures')),
    section: null,
    out: r.get('out') as NodeRow['out'],
  }));
  const positions = await layoutOf({
    nodes: rows.map((row) => row.key),
    edges: rows.flatMap((row) => row.out.map((edge): [string, string] => [row.key, edge.target])),
  });
  const first = records[0];
  const graph = serialize(rows, positions);
  const overview: OverviewInfo = {
    entities: rows.filter((row) => row.labels.includes('Entity')).length,
    documents: rows.filter((row) => row.labels.includes('Document')).length,
    totalNodes: Number(first?.get('nodes') ?? 0),
    totalEntities: Number(first?.get('allEntities') ?? 0),
    totalDocuments: Number(first?.get('allDocuments') ?? 0),
    totalMeasures: Number(first?.get('allMeasures') ?? 0),
  };
  graph.attributes = { ...graph.attributes, overview };
  return { version, graph };
}

interface State {
  latest: Overview | null;
  computing: { version: string; done: Promise<Overview> } | null;
}

const states = new WeakMap<Connection, State>();

function fileFor(connection: Connection, version: string): string {
  const id = createHash('sha256')
    .update(`${connection.uri}\n${connection.database ?? ''}\n${version}`)
    .digest('hex')
    .slice(0, 24);
  return path.join(CACHE_DIR, `overview-${id}.json`);
}

async function fromDisk(file: string, version: string): Promise<Overview | null> {
  try {
    const overview = JSON.parse(await readFile(file, 'utf8')) as Overview;
    return overview.version === version ? overview : null;
  } catch {
    return null;
  }
}

async function toDisk(file: string, overview: Overview): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, JSON.stringify(overview));
  await rename(partial, file);
}

/**
 * The overview for the graph's current version: from memory or disk when it exists; else computed
 * (once, however many ask) while the last one is served, or awaited when there is none yet.
 */
export async function currentOverview(
  connection: Connection,
  serialize: (rows: NodeRow[], positions: Map<string, { x: number; y: number }>) => GraphResponse,
): Promise<GraphResponse> {
  const version = await graphVersionOf(connection).current();
  const state: State = states.get(connection) ?? { latest: null, computing: null };
  states.set(connection, state);
  if (state.latest?.version === version) return state.latest.graph;
  if (state.computing?.version !== version) {
    const file = fileFor(connection, version);
    const done = fromDisk(file, version).then(async (cached) => {
      if (cached) return cached;
      const computed = await computeOverview(connection, version, serialize);
      await toDisk(file, computed).catch(() => undefined); // a read-only disk only costs the restart
      return computed;
    });
    state.computing = { version, done };
    done
      .then((overview) => {
        state.latest = overview;
        if (state.computing?.done === done) state.computing = null;
      })
      .catch(() => {
        if (state.computing?.done === done) state.computing = null;
      });
  }
  if (state.latest)
    return { ...state.latest.graph, attributes: { ...state.latest.graph.attributes, stale: true } };
  return (await state.computing!.done).graph;
}
