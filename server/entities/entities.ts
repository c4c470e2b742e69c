/**
 * GET /api/entities/:key (one entity: labels, properties, where it is, what is in it, counts and the
 * measures touching it) and GET /api/entities/:key/neighbors (its neighbourhood as graphology JSON).
 */
import type Graph from 'graphology';
import type { Connection } from '../../store/connection';
import { notFound } from '../http/errors';
import { mainLabel } from '../../model/graph';
import { buildGraph, NODE_PROJECTION, nodeRow } from '../graph/graph';
import { currentLayout } from '../graph/layout';
import { readRecords } from '../../store/read';
import { toProperties, type Json } from '../../store/values';
import { spanPairs } from '../../model/spans';
import { measureReference } from '../../model/names';
import type { EntityDetail, Place } from '../../model/api';

const PLACE = `{key: x.key, labels: labels(x), name: x.name, nameEn: x.nameEn}`;

export const ENTITY_CYPHER = `
MATCH (e:Entity {key: $key})
RETURN e.key AS key, labels(e) AS labels, properties(e) AS properties,
  COLLECT { MATCH (e)-[:LOCATED_IN]->(x) WITH x ORDER BY x.key RETURN ${PLACE} } AS locatedIn,
  COLLECT { MATCH (e)-[:PART_OF]->(x) WITH x ORDER BY x.key RETURN ${PLACE} } AS partOf,
  COLLECT {
    MATCH (x)-[r:LOCATED_IN|PART_OF]->(e) WITH x, r ORDER BY x.key
    RETURN {key: x.key, labels: labels(x), name: x.name, nameEn: x.nameEn, relation: type(r)}
  } AS contains,
  COLLECT {
    MATCH (d:Document)-[r:IMPLEMENTS|SIGNED_BY]->(e) WITH d, r ORDER BY d.key
    RETURN {key: d.key, title: d.title, relation: type(r)}
  } AS documents,
  COUNT { MATCH (m:Measure)-[:MENTIONS|ASSIGNED_TO]->(e) RETURN DISTINCT m } AS measureCount,
  COUNT { MATCH (m:Measure)-[:MENTIONS|ASSIGNED_TO]->(e) RETURN DISTINCT m.document } AS documentCount,
  [(:Measure)-[r:MENTIONS]->(e) | size(r.spans) / 2] AS mentionCounts,
  [(:Measure)-[r:ASSIGNED_TO]->(e) | r.lead] AS assignments,
  COLLECT {
    MATCH (m:Measure)-[r:MENTIONS|ASSIGNED_TO]->(e)
    WITH m, collect(r) AS rels ORDER BY m.document, m.ordinal LIMIT $limit
    RETURN {key: m.key, number: m.number, reference: m.reference, ordinal: m.ordinal, document: m.document, text: m.text,
            spans: [r IN rels WHERE type(r) = 'MENTIONS' | r.spans][0],
            surface: [r IN rels WHERE type(r) = 'MENTIONS' | r.surface][0],
            assigned: any(r IN rels WHERE type(r) = 'ASSIGNED_TO'),
            lead: any(r IN rels WHERE type(r) = 'ASSIGNED_TO' AND r.lead)}
  } AS measures`;

function place(value: unknown): Place {
  const p = toProperties(value);
  return {
    key: String(p.key),
    label: mainLabel((p.labels as string[]) ?? []),
    name: String(p.name ?? p.key),
    nameEn: (p.nameEn as string | null) ?? null,
    ...(p.relation ? { relation: String(p.relation) } : {}),
  };
}

export async function entity(
  connection: Connection,
  key: string,
  { limit = 200 }: { limit?: number } = {},
): Promise<EntityDetail> {
  const [record] = await readRecords(connection, ENTITY_CYPHER, { key, limit });
  if (!record) throw notFound('entity', key);
  const labels = record.get('labels') as string[];
  const assignments = record.get('assignments') as (boolean | null)[];
  return {
    key: String(record.get('key')),
    label: mainLabel(labels),
    labels,
    properties: toProperties(record.get('properties')),
    locatedIn: (record.get('locatedIn') as unknown[]).map(place),
    partOf: (record.get('partOf') as unknown[]).map(place),
    contains: (record.get('contains') as unknown[]).map(place),
    documents: (record.get('documents') as { key: string; title: string; relation: string }[]).map((d) => ({
      key: d.key,
      title: d.title,
      relation: d.relation,
    })),
    counts: {
      measures: Number(record.get('measureCount')),
      mentions: (record.get('mentionCounts') as number[]).reduce((sum, n) => sum + Number(n), 0),
      assignments: assignments.length,
      leads: assignments.filter(Boolean).length,
      documents: Number(record.get('documentCount')),
    },
    measures: (record.get('measures') as unknown[]).map((value) => {
      const m = toProperties(value);
      return {
        key: String(m.key),
        number: String(m.number),
        reference: measureReference(m),
        ordinal: Number(m.ordinal),
        document: String(m.document),
        text: String(m.text),
        spans: spanPairs(m.spans),
        surface: ((m.surface as Json[] | null) ?? []).map(String),
        assigned: Boolean(m.assigned),
        lead: Boolean(m.lead),
      };
    }),
  };
}

/**
 * Nodes within `$depth` relationships of the entity (either direction), nearest first, then the
 * best connected; the entity itself at distance 0. `$limit + 1` rows tell whether it was cut.
 */
export const NEIGHBORS_CYPHER = `
MATCH (center:Entity {key: $key})
CALL (center) {
  RETURN center AS n, 0 AS distance
  UNION
  MATCH p = ANY SHORTEST (center)-[]-{1,3}(n)
  WHERE length(p) <= $depth AND n <> center
  RETURN n, length(p) AS distance
}
WITH n, distance, COUNT { (n)--() } AS degree
ORDER BY distance, degree DESC, n.key
LIMIT $limit + 1
${NODE_PROJECTION}, distance`;

export const MAX_DEPTH = 3;

export async function neighbors(
  connection: Connection,
  key: string,
  { depth = 1, limit = 200 }: { depth?: number; limit?: number } = {},
): Promise<Graph> {
  const [layout, records] = await Promise.all([
    currentLayout(connection),
    readRecords(connection, NEIGHBORS_CYPHER, { key, depth: Math.min(depth, MAX_DEPTH), limit }),
  ]);
  if (records.length === 0) throw notFound('entity', key);
  const kept = records.slice(0, limit);
  const graph = buildGraph(kept.map(nodeRow), layout, {
    center: key,
    depth,
    limit,
    truncated: records.length > limit,
  });
  for (const record of kept)
    graph.setNodeAttribute(String(record.get('key')), 'distance', record.get('distance'));
  return graph;
}
