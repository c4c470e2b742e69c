/**
 * Neo4j values as plain JSON, one policy for every answer (the routes' reads and the console's
 * results alike): integers as numbers (as decimal strings beyond 2^53), nodes as `{elementId, labels,
 * properties}`, relationships as `{elementId, type, startNodeElementId, endNodeElementId,
 * properties}`, paths as `{nodes, relationships}` in path order, temporal values as ISO-8601 text,
 * points as `{srid, x, y[, z]}`, byte arrays as lists of numbers, NaN and ±Infinity as text, and
 * lists and maps converted all the way down.
 */
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
import type { Json, Properties } from '../model/json';

export type { Json, Properties };

/**
 * How nodes' and relationships' properties are converted: directly by default; the console passes
 * a cache, so that an element repeated in many rows and paths is converted once.
 */
export interface ElementProperties {
  node(node: Node): Properties;
  relationship(rel: Relationship): Properties;
}

function integerToJson(value: { toNumber(): number; toString(): string; inSafeRange(): boolean }): Json {
  return value.inSafeRange() ? value.toNumber() : value.toString();
}

const direct: ElementProperties = {
  node: (node) => propertiesToJson(node.properties, direct),
  relationship: (rel) => propertiesToJson(rel.properties, direct),
};

export function propertiesToJson(
  properties: Record<string, unknown>,
  elements: ElementProperties = direct,
): Properties {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toJson(v, elements)]));
}

function nodeToJson(node: Node, elements: ElementProperties): Json {
  return { elementId: node.elementId, labels: [...node.labels], properties: elements.node(node) };
}

function relationshipToJson(rel: Relationship, elements: ElementProperties): Json {
  return {
    elementId: rel.elementId,
    type: rel.type,
    startNodeElementId: rel.startNodeElementId,
    endNodeElementId: rel.endNodeElementId,
    properties: elements.relationship(rel),
  };
}

export function toJson(value: unknown, elements: ElementProperties = direct): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (isInt(value)) return integerToJson(value);
  if (isNode(value)) return nodeToJson(value, elements);
  if (isRelationship(value)) return relationshipToJson(value, elements);
  if (isPath(value)) {
    const nodes = [value.start, ...value.segments.map((s) => s.end)];
    return {
      nodes: nodes.map((n) => nodeToJson(n, elements)),
      relationships: value.segments.map((s) => relationshipToJson(s.relationship, elements)),
    };
  }
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value))
    return value.toString();
  // The driver writes one day as "P1DT"; ISO-8601 has no empty time part.
  if (isDuration(value)) return value.toString().replace(/T$/, '');
  if (isPoint(value)) {
    const point: Properties = { srid: toJson(value.srid), x: value.x, y: value.y };
    if (value.z !== undefined) point.z = value.z;
    return point;
  }
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map((v) => toJson(v, elements));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null)
      return propertiesToJson(value as Record<string, unknown>, elements);
    return String(value);
  }
  return String(value);
}

/** A node's or relationship's properties (a Cypher map) as a JSON object. */
export function toProperties(value: unknown): Properties {
  const json = toJson(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}
