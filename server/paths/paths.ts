/**
 * GET /api/paths: the shortest paths between two entities, given by key, as the named query
 * `connection` (cypher/connection.cypher) finds them by name: allShortestPaths entity → measure →
 * entity … over MENTIONS and ASSIGNED_TO in either direction, at most `max` relationships long, at
 * most `limit` paths. `rels` may add LOCATED_IN and PART_OF (paths through where places are).
 *
 * The answer names nodes and relationships by the keys /api/graph gives them (edge keys
 * `source-TYPE->target`, graph.ts `edgeKey`), so the explorer can highlight a path in the graph it
 * has loaded; `nodes` and `edges` describe each one once.
 */
import type { Connection } from '../../store/connection';
import { notFound } from '../http/errors';
import { edgeKey, mainLabel } from '../../model/graph';
import { displayName } from '../../model/names';
import { readRecords } from '../../store/read';
import { toProperties, type Json } from '../../store/values';

/** The relationships a path may take; the search pattern names all of them, `$rels` narrows it. */
export const PATH_RELS = ['MENTIONS', 'ASSIGNED_TO', 'LOCATED_IN', 'PART_OF'] as const;
/** Through measures only: the named query `connection`'s relationships. */
export const DEFAULT_PATH_RELS: readonly string[] = ['MENTIONS', 'ASSIGNED_TO'];
/** The longest path searched, in relationships (the pattern's fixed bound; `$max` may lower it). */
export const MAX_PATH_LENGTH = 12;

const NODE_MAP = `{.key, .name, .title, .nameEn, .number, .reference, .ordinal, .document, .text, labels: labels(n)}`;

export const PATH_ENDS_CYPHER = `
OPTIONAL MATCH (a:Entity {key: $from})
OPTIONAL MATCH (b:Entity {key: $to})
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound`;

/**
 * The relationship filter is a predicate on every relationship of the path, which Neo4j checks
 * during the breadth-first search; the length bound is applied after it (shortest paths all have
 * the same length, so that is the same as bounding the search).
 */
export const PATHS_CYPHER = `
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MATCH p = allShortestPaths((a)-[:MENTIONS|ASSIGNED_TO|LOCATED_IN|PART_OF*..${MAX_PATH_LENGTH}]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $rels)
WITH p, nodes(p) AS ns
WHERE length(p) <= $max
WITH p, ns
ORDER BY length(p), [n IN ns WHERE n:Measure | n.document], [n IN ns WHERE n:Measure | n.ordinal],
         [n IN ns | n.key]
LIMIT $limit
RETURN [n IN ns | n ${NODE_MAP}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).key, target: endNode(r).key}] AS rels`;

export interface PathOptions {
  from: string;
  to: string;
  /** The longest path wanted, in relationships. */
  max: number;
  /** At most this many paths. */
  limit: number;
  rels: readonly string[];
}

export interface PathNode {
  key: string;
  /** The node's type: Measure or an entity label (City, Port, …). */
  label: string;
  /** What /api/graph calls it: the entity's name, `16. 支持兩地…` for a measure. */
  name: string;
  nameEn?: string;
  /** Measures: the number as printed, the document's key, the ordinal. */
  number?: string;
  document?: string;
  ordinal?: number;
}

export interface PathEdge {
  key: string;
  source: string;
  target: string;
  type: string;
}

export interface EntityPath {
  length: number;
  /** Node keys from `from` to `to`. */
  nodes: string[];
  /** Edge keys, `edges[i]` joining `nodes[i]` and `nodes[i + 1]` (in either direction). */
  edges: string[];
}

export interface PathsResult {
  from: string;
  to: string;
  max: number;
  limit: number;
  rels: string[];
  /** The length of the shortest paths; null when there is none within `max`. */
  length: number | null;
  /** More shortest paths exist than `limit`. */
  truncated: boolean;
  paths: EntityPath[];
  nodes: PathNode[];
  edges: PathEdge[];
}

function pathNode(value: unknown): PathNode {
  const p = toProperties(value);
  const label = mainLabel((p.labels as string[] | null) ?? []);
  const key = String(p.key);
  const node: PathNode = { key, label, name: displayName(label, p, key) };
  const optional: [keyof PathNode, Json | undefined][] = [
    ['nameEn', p.nameEn],
    ['number', p.number],
    ['document', p.document],
    ['ordinal', p.ordinal],
  ];
  for (const [name, value] of optional)
    if (value !== null && value !== undefined) Object.assign(node, { [name]: value });
  return node;
}

export async function paths(connection: Connection, options: PathOptions): Promise<PathsResult> {
  const { from, to, max, limit } = options;
  const rels = [...options.rels];
  const [ends] = await readRecords(connection, PATH_ENDS_CYPHER, { from, to });
  if (!ends?.get('fromFound')) throw notFound('entity', from);
  if (!ends.get('toFound')) throw notFound('entity', to);

  const records = await readRecords(connection, PATHS_CYPHER, { from, to, max, rels, limit: limit + 1 });
  const nodes = new Map<string, PathNode>();
  const edges = new Map<string, PathEdge>();
  const found: EntityPath[] = records.slice(0, limit).map((record) => {
    const pathNodes = (record.get('nodes') as unknown[]).map(pathNode);
    const pathEdges = (record.get('rels') as { type: string; source: string; target: string }[]).map(
      ({ type, source, target }) => ({ key: edgeKey(source, type, target), source, target, type }),
    );
    for (const node of pathNodes) if (!nodes.has(node.key)) nodes.set(node.key, node);
    for (const edge of pathEdges) if (!edges.has(edge.key)) edges.set(edge.key, edge);
    return {
      length: pathEdges.length,
      nodes: pathNodes.map((n) => n.key),
      edges: pathEdges.map((e) => e.key),
    };
  });
  return {
    from,
    to,
    max,
    limit,
    rels,
    length: found[0]?.length ?? null,
    truncated: records.length > limit,
    paths: found,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}
