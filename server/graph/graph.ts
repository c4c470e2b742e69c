/**
 * GET /api/graph (and the graph views built on it: neighbourhoods, exports): nodes and relationships
 * as graphology's serialized form (docs/DESIGN.md, "The export and API contract"), the shape `ingest --out` writes,
 * placed at the stable positions of layout.ts.
 *
 * Filters: `types` keeps nodes carrying any of the labels (`Entity` = every entity type);
 * `document` the document, its sections and measures and the entities they touch (and that it
 * implements or is signed by); `section` the section, its subsections and their measures and the
 * entities those touch; `minDegree` nodes with at least that many relationships in the whole graph.
 * Filters combine; a relationship is kept when both its ends are.
 */
import Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { GraphFilters, GraphNodeAttributes, GraphResponse } from '../../model/api';
import { ENTITY, NODE_LABELS, mainLabel, type NodeLabel } from '../../model/graph';
import type { Json } from '../../model/json';
import { displayName, nodeSize } from '../../model/names';
import { SerializedGraphBuilder } from '../../model/serialized';
import { spanPairs } from '../../model/spans';
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { toProperties } from '../../store/values';
import { badRequest, notFound } from '../http/errors';
import { GRAPH_NODE } from '../../store/schema';
import { currentLayout, layoutOf, PER_VIEW, positionOf, type Layout } from './layout';
import { currentOverview, wantsOverview } from './overview';

export type { GraphFilters };

/** What `types` may name: every node label, and `Entity` for every entity type. */
export const TYPE_FILTERS: readonly string[] = [...NODE_LABELS, ENTITY];

/** One node as the projection below returns it. */
export interface NodeRow {
  key: string;
  labels: string[];
  properties: { [key: string]: Json };
  degree: number;
  measures: number;
  section: string | null;
  out: { type: string; target: string; properties: { [key: string]: Json } }[];
}

const ALL_NODES = `MATCH (n) WHERE ${GRAPH_NODE}`;

const DOCUMENT_NODES = `
MATCH (d:Document {key: $document})
CALL (d) {
  RETURN d AS n
  UNION
  MATCH (n:Section {document: d.key}) RETURN n
  UNION
  MATCH (n:Measure {document: d.key}) RETURN n
  UNION
  MATCH (:Measure {document: d.key})-[:MENTIONS|ASSIGNED_TO]->(n:Entity) RETURN n
  UNION
  MATCH (d)-[:IMPLEMENTS|SIGNED_BY]->(n:Entity) RETURN n
}`;

const SECTION_NODES = `
MATCH (root:Section {key: $section})
CALL (root) {
  MATCH (root)-[:HAS_SECTION]->{0,}(n:Section) RETURN n
  UNION
  MATCH (root)-[:HAS_SECTION]->{0,}(:Section)-[:HAS_MEASURE]->(n:Measure) RETURN n
  UNION
  MATCH (root)-[:HAS_SECTION]->{0,}(:Section)-[:HAS_MEASURE]->(:Measure)-[:MENTIONS|ASSIGNED_TO]->(n:Entity)
  RETURN n
}`;

/**
 * Per node `n` (with its `degree` in scope): what the client draws. `measures` is the number of
 * measures the node stands for: touching an entity, under a section or document, 1 for a measure.
 */
export const NODE_PROJECTION = `
RETURN n.key AS key, labels(n) AS labels, properties(n) AS properties, degree,
  CASE
    WHEN n:Entity THEN COUNT { MATCH (n)<-[:MENTIONS|ASSIGNED_TO]-(m:Measure) RETURN DISTINCT m }
    WHEN n:Section THEN COUNT { MATCH (n)-[:HAS_SECTION]->{0,}(:Section)-[:HAS_MEASURE]->(m:Measure) RETURN m }
    WHEN n:Document THEN COUNT { MATCH (m:Measure {document: n.key}) RETURN m }
    ELSE 1
  END AS measures,
  CASE WHEN n:Measure THEN COLLECT { MATCH (s:Section)-[:HAS_MEASURE]->(n) RETURN s.key }[0] END AS section,
  COLLECT { MATCH (n)-[r]->(t) RETURN {type: type(r), target: t.key, properties: properties(r)} } AS out`;

const FILTER = `
WITH DISTINCT n
WITH n, COUNT { (n)--() } AS degree
WHERE ($types IS NULL OR any(label IN labels(n) WHERE label IN $types)) AND degree >= $minDegree`;

/** The statement for `filters`; only fixed fragments are joined, every value is a parameter. */
export function graphQuery(filters: GraphFilters): { cypher: string; params: Record<string, unknown> } {
  const scope = filters.section ? SECTION_NODES : filters.document ? DOCUMENT_NODES : ALL_NODES;
  return {
    cypher: `${scope}${FILTER}${NODE_PROJECTION}`,
    params: {
      types: filters.types ?? null,
      document: filters.document ?? null,
      section: filters.section ?? null,
      minDegree: filters.minDegree ?? 0,
    },
  };
}

const SCOPE_CHECK = `
OPTIONAL MATCH (s:Section {key: $section})
RETURN EXISTS { MATCH (:Document {key: $document}) } AS document, s IS NOT NULL AS section,
       s.document AS sectionDocument`;

/** 404 for an unknown document or section, 400 for a section outside the document named with it. */
async function checkScope(connection: Connection, filters: GraphFilters): Promise<void> {
  if (!filters.document && !filters.section) return;
  const [record] = await readRecords(connection, SCOPE_CHECK, {
    document: filters.document ?? null,
    section: filters.section ?? null,
  });
  if (filters.document && !record?.get('document')) throw notFound('document', filters.document);
  if (filters.section && !record?.get('section')) throw notFound('section', filters.section);
  if (filters.document && filters.section && record?.get('sectionDocument') !== filters.document) {
    throw badRequest('section', `"${filters.section}" is not a section of document "${filters.document}"`);
  }
}

export function nodeRow(record: Neo4jRecord): NodeRow {
  return {
    key: String(record.get('key')),
    labels: record.get('labels') as string[],
    properties: toProperties(record.get('properties')),
    degree: Number(record.get('degree')),
    measures: Number(record.get('measures')),
    section: (record.get('section') as string | null) ?? null,
    out: (record.get('out') as NodeRow['out']).map((edge) => ({
      ...edge,
      properties: toProperties(edge.properties),
    })),
  };
}

export function nodeAttributes(row: NodeRow, layout: Layout): GraphNodeAttributes {
  // `key` is the node's key already. A measure keeps textAlt (its text in the other script, as long
  // as `text`): the content-script switch shows it with the mentions still on the same characters.
  const { key: _key, ...properties } = row.properties;
  const label = mainLabel(row.labels) as NodeLabel;
  const { x, y } = positionOf(layout, row.key);
  return {
    ...properties,
    label,
    name: displayName(label, row.properties, row.key),
    ...(label === 'Measure' ? { section: row.section } : {}),
    degree: row.degree,
    measures: row.measures,
    size: nodeSize(label, row.measures),
    x,
    y,
  };
}

function edgeAttributes(type: string, properties: { [key: string]: Json }): Attributes {
  if (type === 'MENTIONS') return { ...properties, spans: spanPairs(properties.spans) };
  // An alignment is for the comparison views (/api/compare), not for drawing an edge.
  const { alignment: _alignment, ...rest } = properties;
  return rest;
}

/** graphology's serialized form of `rows` (edges only between rows), placed by `layout`. */
export function serializeGraph(rows: NodeRow[], layout: Layout, attributes: Attributes = {}): GraphResponse {
  const builder = new SerializedGraphBuilder();
  for (const row of rows) builder.mergeNode(row.key, nodeAttributes(row, layout));
  for (const row of rows)
    for (const { type, target, properties } of row.out)
      builder.addEdge(row.key, type, target, edgeAttributes(type, properties));
  return builder.toJSON({ ...attributes, layout: layout.version }) as GraphResponse;
}

/** The same as a graphology Graph (for the exports and the neighbourhoods). */
export function buildGraph(rows: NodeRow[], layout: Layout, attributes: Attributes = {}): Graph {
  return Graph.from(serializeGraph(rows, layout, attributes));
}

async function readRows(connection: Connection, filters: GraphFilters) {
  await checkScope(connection, filters);
  const { cypher, params } = graphQuery(filters);
  const [whole, records] = await Promise.all([
    currentLayout(connection),
    readRecords(connection, cypher, params),
  ]);
  const rows = records.map(nodeRow);
  const applied = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
  return { rows, layout: await placed(rows, whole), attributes: { filters: applied } };
}

const PER_VIEW_LAYOUT_NODES = 5_000;

/** In a corpus too large to lay out whole, a view (a document, a section) is laid out by itself. */
async function placed(rows: NodeRow[], layout: Layout): Promise<Layout> {
  // Beyond what a layout settles in a few seconds, nodes keep their start points (an export).
  if (layout.version !== PER_VIEW || rows.length === 0 || rows.length > PER_VIEW_LAYOUT_NODES) return layout;
  const positions = await layoutOf({
    nodes: rows.map((row) => row.key),
    edges: rows.flatMap((row) => row.out.map((edge): [string, string] => [row.key, edge.target])),
  });
  return { version: PER_VIEW, positions };
}

/** The overview's nodes of the labels `types` asks for (`Entity`: every entity type). */
function keepTypes(graph: GraphResponse, types: string[] | undefined): GraphResponse {
  if (!types) return graph;
  const keep = (label: string) => types.includes(label) || (types.includes(ENTITY) && label !== 'Document');
  const nodes = graph.nodes.filter((n) => keep(String(n.attributes?.label)));
  const keys = new Set(nodes.map((n) => n.key));
  return { ...graph, nodes, edges: graph.edges.filter((e) => keys.has(e.source) && keys.has(e.target)) };
}

export async function readGraph(connection: Connection, filters: GraphFilters = {}): Promise<Graph> {
  const { rows, layout, attributes } = await readRows(connection, filters);
  return buildGraph(rows, layout, attributes);
}

export async function graphJson(connection: Connection, filters: GraphFilters = {}): Promise<GraphResponse> {
  // A corpus without a scope: the overview (overview.ts), unless the whole graph is asked for.
  if (!filters.document && !filters.section && !filters.full && (await wantsOverview(connection))) {
    const overview = await currentOverview(connection, (rows, positions) =>
      serializeGraph(rows, { version: PER_VIEW, positions }),
    );
    return keepTypes(overview, filters.types);
  }
  const { rows, layout, attributes } = await readRows(connection, filters);
  return serializeGraph(rows, layout, attributes);
}
