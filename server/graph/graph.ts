/**
 * GET /api/graph (and the graph views built on it: neighbourhoods, exports): nodes and relationships
 * as graphology's serialized form (DESIGN.md, "The export contract"), the shape `ingest --out` writes,
 * placed at the stable positions of layout.ts.
 *
 * Filters: `types` keeps nodes carrying any of the labels (`Entity` = every entity type);
 * `document` the document, its sections and measures and the entities they touch (and that it
 * implements or is signed by); `section` the section, its subsections and their measures and the
 * entities those touch; `minDegree` nodes with at least that many relationships in the whole graph.
 * Filters combine; a relationship is kept when both its ends are.
 */
import Graph from 'graphology';
import type { Attributes, SerializedGraph } from 'graphology-types';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import { ENTITY_TYPES } from '../../ingest/gazetteer/gazetteer';
import type { Connection } from '../../store/connection';
import { badRequest, notFound } from '../http/errors';
import { currentLayout, positionOf, type Layout } from './layout';
import { readRecords } from '../../store/read';
import { spanPairs, toProperties, type Json } from '../../store/values';

export const ENTITY_LABELS: readonly string[] = ENTITY_TYPES;
export const NODE_LABELS: readonly string[] = ['Document', 'Section', 'Measure', 'Entity', ...ENTITY_TYPES];

export interface GraphFilters {
  types?: string[];
  document?: string;
  section?: string;
  minDegree?: number;
}

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

const ALL_NODES = `MATCH (n) WHERE n:Document OR n:Section OR n:Measure OR n:Entity`;

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

/** The node's type: its label other than `Entity` (City, Port, …), or Document, Section, Measure. */
export function nodeLabel(labels: string[]): string {
  return labels.find((label) => label !== 'Entity' && NODE_LABELS.includes(label)) ?? labels[0] ?? 'Node';
}

/** Node size from the number of measures it stands for. */
export function nodeSize(measures: number): number {
  return Math.round((3 + 2 * Math.sqrt(measures)) * 100) / 100;
}

/** What to show for a node: an entity's name, a section's or document's title, `16. 支持兩地…` for a measure. */
export function displayName(label: string, p: { [key: string]: Json }, key: string): string {
  if (label === 'Measure') {
    const text = String(p.text ?? '');
    return `${String(p.number ?? '')}. ${text.length > 24 ? `${text.slice(0, 24)}…` : text}`;
  }
  return String(p.name ?? p.title ?? key);
}

export function nodeAttributes(row: NodeRow, layout: Layout): Attributes {
  // `key` is the node's key already; textAlt (the other script) is for search, not for drawing.
  const { key: _key, textAlt: _textAlt, ...properties } = row.properties;
  const label = nodeLabel(row.labels);
  const { x, y } = positionOf(layout, row.key);
  return {
    label,
    name: displayName(label, row.properties, row.key),
    ...properties,
    ...(label === 'Measure' ? { section: row.section } : {}),
    degree: row.degree,
    measures: row.measures,
    size: nodeSize(row.measures),
    x,
    y,
  };
}

/** Edge keys as the ingest export makes them: structure `a->b`, everything else `a-TYPE->b`. */
export function edgeKey(source: string, type: string, target: string): string {
  return type === 'HAS_SECTION' || type === 'HAS_MEASURE'
    ? `${source}->${target}`
    : `${source}-${type}->${target}`;
}

function edgeAttributes(type: string, properties: { [key: string]: Json }): Attributes {
  return type === 'MENTIONS'
    ? { type, ...properties, spans: spanPairs(properties.spans) }
    : { type, ...properties };
}

/** A graphology graph of `rows` (edges only between rows), placed by `layout`. */
export function buildGraph(rows: NodeRow[], layout: Layout, attributes: Attributes = {}): Graph {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  graph.replaceAttributes({ ...attributes, layout: layout.version });
  for (const row of rows) graph.mergeNode(row.key, nodeAttributes(row, layout));
  for (const row of rows) {
    for (const { type, target, properties } of row.out) {
      const key = edgeKey(row.key, type, target);
      if (target === row.key || !graph.hasNode(target) || graph.hasEdge(key)) continue;
      graph.addDirectedEdgeWithKey(key, row.key, target, edgeAttributes(type, properties));
    }
  }
  return graph;
}

export async function readGraph(connection: Connection, filters: GraphFilters = {}): Promise<Graph> {
  await checkScope(connection, filters);
  const { cypher, params } = graphQuery(filters);
  const [layout, records] = await Promise.all([
    currentLayout(connection),
    readRecords(connection, cypher, params),
  ]);
  const applied = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
  return buildGraph(records.map(nodeRow), layout, { filters: applied });
}

export async function graphJson(
  connection: Connection,
  filters: GraphFilters = {},
): Promise<SerializedGraph> {
  return (await readGraph(connection, filters)).export();
}
