/**
 * A read's records as plain JSON (`rows`) and as graphology's serialized form of every node and
 * relationship in them (`graph`), converted as they stream in, with a running count of the bytes the
 * answer will take, so a result too large to send is stopped early (runner.ts).
 */
import type { SerializedGraph } from 'graphology-types';
import {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
  type Node,
  type Relationship,
} from 'neo4j-driver';
import { displayName } from '../graph/graph';
import { spanPairs, type Json } from '../../store/values';

type Properties = { [key: string]: Json };

/** UTF-8 bytes of `value` as JSON text, counted without building the text (escapes not counted). */
export function jsonBytes(value: Json): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return Buffer.byteLength(value) + 2;
    case 'number':
      return String(value).length;
    case 'boolean':
      return value ? 4 : 5;
  }
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const item of value) n += jsonBytes(item);
    return n;
  }
  let n = 2;
  for (const [key, item] of Object.entries(value)) n += Buffer.byteLength(key) + 4 + jsonBytes(item);
  return n;
}

function integerToJson(value: { toNumber(): number; toString(): string; inSafeRange(): boolean }): Json {
  return value.inSafeRange() ? value.toNumber() : value.toString();
}

/** The node's main label: its one label besides `Entity` (`Port`, `City`, …), else its first label. */
export function mainLabel(labels: readonly string[]): string {
  const specific = labels.filter((l) => l !== 'Entity').sort();
  return specific[0] ?? labels[0] ?? 'Node';
}

/**
 * What the export (ingest/export.ts) and /api/graph show as a node's name when the node has no `name`
 * property: a document's or section's title, "number. text…" for a measure (graph.ts's displayName).
 */
function displayNameOf(label: string, properties: Record<string, Json>): string | undefined {
  if (properties.name !== undefined) return undefined;
  const titled = (label === 'Document' || label === 'Section') && typeof properties.title === 'string';
  const measure = label === 'Measure' && typeof properties.text === 'string';
  return titled || measure ? displayName(label, properties, '') : undefined;
}

/**
 * Converts one result. Each node's and relationship's properties are converted once, however many
 * rows and paths repeat them (a named query's paths repeat the document and section in every row),
 * and the graph collects every node and relationship seen. `bytes` estimates the size of the JSON
 * answer so far: rows plus the graph's copy of each element.
 */
export class ResultConverter {
  private readonly nodes = new Map<string, { node: Node; properties: Properties }>();
  private readonly rels = new Map<string, { rel: Relationship; properties: Properties }>();
  bytes = 0;

  private nodeProperties(node: Node): Properties {
    let entry = this.nodes.get(node.elementId);
    if (!entry) {
      entry = { node, properties: this.propertiesToJson(node.properties) };
      this.nodes.set(node.elementId, entry);
      this.bytes += jsonBytes(entry.properties) + 64;
    }
    return entry.properties;
  }

  private relationshipProperties(rel: Relationship): Properties {
    let entry = this.rels.get(rel.elementId);
    if (!entry) {
      entry = { rel, properties: this.propertiesToJson(rel.properties) };
      this.rels.set(rel.elementId, entry);
      this.bytes += jsonBytes(entry.properties) + 96;
    }
    return entry.properties;
  }

  private propertiesToJson(properties: Record<string, unknown>): Properties {
    return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, this.toJson(v)]));
  }

  private nodeToJson(node: Node): Json {
    return { elementId: node.elementId, labels: [...node.labels], properties: this.nodeProperties(node) };
  }

  private relationshipToJson(rel: Relationship): Json {
    return {
      elementId: rel.elementId,
      type: rel.type,
      startNodeElementId: rel.startNodeElementId,
      endNodeElementId: rel.endNodeElementId,
      properties: this.relationshipProperties(rel),
    };
  }

  /**
   * A Neo4j value as plain JSON: integers as numbers (as decimal strings beyond 2^53), nodes as
   * `{elementId, labels, properties}`, relationships as `{elementId, type, startNodeElementId,
   * endNodeElementId, properties}`, paths as `{nodes, relationships}` in path order, temporal values
   * as ISO-8601 strings, points as `{srid, x, y[, z]}`, byte arrays as lists of numbers, and
   * NaN/±Infinity as strings.
   */
  toJson(value: unknown): Json {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
    if (typeof value === 'bigint')
      return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(value)
        : value.toString();
    if (isInt(value)) return integerToJson(value);
    if (isNode(value)) return this.nodeToJson(value);
    if (isRelationship(value)) return this.relationshipToJson(value);
    if (isPath(value)) {
      const nodes = [value.start, ...value.segments.map((s) => s.end)];
      return {
        nodes: nodes.map((n) => this.nodeToJson(n)),
        relationships: value.segments.map((s) => this.relationshipToJson(s.relationship)),
      };
    }
    if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value))
      return value.toString();
    // The driver writes one day as "P1DT"; ISO-8601 has no empty time part.
    if (isDuration(value)) return value.toString().replace(/T$/, '');
    if (isPoint(value)) {
      const point: { [key: string]: Json } = { srid: this.toJson(value.srid), x: value.x, y: value.y };
      if (value.z !== undefined) point.z = value.z;
      return point;
    }
    if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
    if (Array.isArray(value)) return value.map((v) => this.toJson(v));
    if (typeof value === 'object') {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null)
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.toJson(v)]));
      return String(value);
    }
    return String(value);
  }

  /** One record as a row `{column: value}`; counts its bytes. */
  row(columns: readonly string[], values: readonly unknown[]): Record<string, Json> {
    const row = Object.fromEntries(columns.map((c, i) => [c, this.toJson(values[i])]));
    this.bytes += jsonBytes(row) + 1;
    return row;
  }

  /**
   * graphology's serialized form of the nodes and relationships converted so far. Nodes are keyed by
   * their `key` property, as in the ingest export, or by elementId when they have none; attributes
   * are `label` (the main label), `name` (for documents and sections their title, for measures
   * "number. text…", as in the export) and the properties but `textAlt`. Edges are keyed like the
   * export's (`source->target` for HAS_SECTION/HAS_MEASURE, `source-TYPE->target` otherwise) and
   * carry `type` and the properties, a mention's `spans` as pairs [[start, end], …] like the
   * export's. A relationship whose two nodes are not both in the result is left out.
   */
  graph(): SerializedGraph {
    // Written straight in graphology's serialized form (what Graph#export gives for a directed multi
    // graph with self-loops), without building a Graph: this runs on every named query and console run.
    const serializedNodes: SerializedGraph['nodes'] = [];
    const serializedEdges: SerializedGraph['edges'] = [];
    const nodeKeys = new Set<string>();
    const edgeKeys = new Set<string>();
    const keyOf = new Map<string, string>();
    for (const { node, properties: all } of this.nodes.values()) {
      // textAlt (the measure in the other script) is for search, not for drawing.
      const { textAlt: _textAlt, ...properties } = all;
      const label = mainLabel(node.labels);
      let key = typeof properties.key === 'string' ? properties.key : node.elementId;
      if (nodeKeys.has(key)) key = node.elementId;
      const name = displayNameOf(label, properties);
      nodeKeys.add(key);
      serializedNodes.push({
        key,
        attributes: { ...properties, ...(name !== undefined ? { name } : {}), label },
      });
      keyOf.set(node.elementId, key);
    }
    for (const { rel, properties: all } of this.rels.values()) {
      const source = keyOf.get(rel.startNodeElementId);
      const target = keyOf.get(rel.endNodeElementId);
      if (source === undefined || target === undefined) continue;
      let key =
        rel.type === 'HAS_SECTION' || rel.type === 'HAS_MEASURE'
          ? `${source}->${target}`
          : `${source}-${rel.type}->${target}`;
      if (edgeKeys.has(key)) key = rel.elementId;
      edgeKeys.add(key);
      const properties = { ...all };
      // As in the export contract, a mention's spans are pairs [[start, end], …] in the graph.
      if (rel.type === 'MENTIONS' && Array.isArray(properties.spans))
        properties.spans = spanPairs(properties.spans);
      serializedEdges.push({ key, source, target, attributes: { ...properties, type: rel.type } });
    }
    return {
      options: { type: 'directed', multi: true, allowSelfLoops: true },
      attributes: {},
      nodes: serializedNodes,
      edges: serializedEdges,
    };
  }
}
