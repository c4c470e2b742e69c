/**
 * A read's records as plain JSON (`rows`, store/values.ts's one policy) and as graphology's
 * serialized form of every node and relationship in them (`graph`), converted as they stream in,
 * with a running count of the bytes the answer will take, so that a result too large to send is
 * stopped early (runner.ts).
 */
import type { SerializedGraph } from 'graphology-types';
import type { Node, Relationship } from 'neo4j-driver';
import { mainLabel } from '../../model/graph';
import type { Json, Properties } from '../../model/json';
import { displayName } from '../../model/names';
import { SerializedGraphBuilder } from '../../model/serialized';
import { spanPairs } from '../../model/spans';
import { propertiesToJson, toJson, type ElementProperties } from '../../store/values';

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

  private readonly elements: ElementProperties = {
    node: (node) => {
      let entry = this.nodes.get(node.elementId);
      if (!entry) {
        entry = { node, properties: propertiesToJson(node.properties, this.elements) };
        this.nodes.set(node.elementId, entry);
        this.bytes += jsonBytes(entry.properties) + 64;
      }
      return entry.properties;
    },
    relationship: (rel) => {
      let entry = this.rels.get(rel.elementId);
      if (!entry) {
        entry = { rel, properties: propertiesToJson(rel.properties, this.elements) };
        this.rels.set(rel.elementId, entry);
        this.bytes += jsonBytes(entry.properties) + 96;
      }
      return entry.properties;
    },
  };

  toJson(value: unknown): Json {
    return toJson(value, this.elements);
  }

  /** One record as a row `{column: value}`; counts its bytes. */
  row(columns: readonly string[], values: readonly unknown[]): Record<string, Json> {
    const row = Object.fromEntries(columns.map((c, i) => [c, this.toJson(values[i])]));
    this.bytes += jsonBytes(row) + 1;
    return row;
  }

  /**
   * graphology's serialized form of the nodes and relationships converted so far. Nodes are keyed by
   * their `key` property, as in the ingest export, or by elementId when they have none (or another
   * node has the key); attributes are `label` (the main label), `name` (displayName) and the
   * properties but `textAlt`. Edges are keyed like the export's, by elementId when two
   * relationships of one type join the same nodes, and carry `type` and the properties, a mention's
   * `spans` as pairs. A relationship whose two nodes are not both in the result is left out.
   */
  graph(): SerializedGraph {
    const builder = new SerializedGraphBuilder({ allowSelfLoops: true });
    const keyOf = new Map<string, string>();
    for (const { node, properties: all } of this.nodes.values()) {
      // textAlt (the measure in the other script) is for search, not for drawing.
      const { textAlt: _textAlt, ...properties } = all;
      const label = mainLabel(node.labels);
      let key = typeof properties.key === 'string' ? properties.key : node.elementId;
      if (builder.hasNode(key)) key = node.elementId;
      const titled = (label === 'Document' || label === 'Section') && typeof properties.title === 'string';
      const measure = label === 'Measure' && typeof properties.text === 'string';
      const named = properties.name === undefined && (titled || measure);
      builder.mergeNode(key, {
        ...properties,
        ...(named ? { name: displayName(label, properties, key) } : {}),
        label,
      });
      keyOf.set(node.elementId, key);
    }
    for (const { rel, properties: all } of this.rels.values()) {
      const source = keyOf.get(rel.startNodeElementId);
      const target = keyOf.get(rel.endNodeElementId);
      if (source === undefined || target === undefined) continue;
      const properties = { ...all };
      // As on the wire everywhere, a mention's spans are pairs [[start, end], …].
      if (rel.type === 'MENTIONS' && Array.isArray(properties.spans))
        properties.spans = spanPairs(properties.spans);
      builder.addEdge(source, rel.type, target, properties, rel.elementId);
    }
    return builder.toJSON();
  }
}
