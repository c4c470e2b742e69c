/**
 * Neo4j values as plain JSON. The driver already returns numbers for integers
 * (disableLosslessIntegers); what is left are temporal and spatial values, which become their ISO
 * text, and containers, converted all the way down.
 */
import neo4j from 'neo4j-driver';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(toJson);
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value) ||
    neo4j.isPoint(value)
  ) {
    return String(value);
  }
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toJson(inner);
    return out;
  }
  return String(value);
}

/** A node's or relationship's properties (a Cypher map) as a JSON object. */
export function toProperties(value: unknown): { [key: string]: Json } {
  const json = toJson(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}

/** MENTIONS.spans is stored flat ([start0, end0, start1, end1, …]); the API gives pairs. */
export function spanPairs(flat: unknown): [number, number][] {
  if (!Array.isArray(flat)) return [];
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([Number(flat[i]), Number(flat[i + 1])]);
  return pairs;
}
