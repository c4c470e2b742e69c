/**
 * GET /api/export: the graph of /api/graph (same filters, same positions) as a file.
 *
 * - `json`: graphology's serialized form, exactly what /api/graph answers.
 * - `gexf`: GEXF 1.3 by graphology-gexf (Gephi). A node's GEXF label is its `name`, its type goes in
 *   the attribute `type`; x, y and size go in viz; an edge's label is its relationship type.
 * - `graphml`: GraphML with typed keys (yEd, Cytoscape, NetworkX). graphology-graphml only parses, so
 *   the writer is here.
 * - `csv`: one table per request, `part=nodes` (default) or `part=edges`, UTF-8 with a byte-order
 *   mark so spreadsheet programs read the Chinese right.
 *
 * GEXF, GraphML and CSV cells hold scalars: lists are joined with `|` (aliases `港珠澳大橋|港珠澳大桥`)
 * and mention spans written `start-end` (`10-15|40-45`).
 */
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import { write as writeGexf } from 'graphology-gexf';
import { stringify } from 'csv-stringify/sync';

export const EXPORT_FORMATS = ['json', 'gexf', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CSV_PARTS = ['nodes', 'edges'] as const;
export type CsvPart = (typeof CSV_PARTS)[number];

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
}

type Scalar = string | number | boolean;

function scalar(value: unknown): Scalar | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    return value.map((item) => (Array.isArray(item) ? item.join('-') : String(item))).join('|');
  }
  return JSON.stringify(value);
}

/** Attributes with scalar values only; null and undefined dropped. */
export function flatAttributes(attributes: Attributes): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const flat = scalar(value);
    if (flat !== undefined) out[name] = flat;
  }
  return out;
}

export function toGexf(graph: Graph): string {
  return writeGexf(graph, {
    version: '1.3',
    formatNode: (_key, { label, name, x, y, size, ...rest }) => ({
      label: String(name ?? label),
      viz: { x: Number(x), y: Number(y), size: Number(size) },
      attributes: flatAttributes({ type: label, ...rest }),
    }),
    formatEdge: (_key, attributes) => ({
      label: String(attributes.type),
      attributes: flatAttributes(attributes),
    }),
  });
}

const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type GraphmlType = 'boolean' | 'int' | 'long' | 'double' | 'string';

/** The narrowest GraphML type holding every value of an attribute. */
function graphmlType(values: Scalar[]): GraphmlType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number')) {
    const numbers = values as number[];
    if (!numbers.every(Number.isInteger)) return 'double';
    return numbers.every((n) => Math.abs(n) <= 0x7fffffff) ? 'int' : 'long';
  }
  return 'string';
}

interface GraphmlKey {
  id: string;
  name: string;
  type: GraphmlType;
}

function graphmlKeys(prefix: 'n' | 'e', rows: Record<string, Scalar>[]): Map<string, GraphmlKey> {
  const values = new Map<string, Scalar[]>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      const list = values.get(name) ?? [];
      list.push(value);
      values.set(name, list);
    }
  }
  const keys = new Map<string, GraphmlKey>();
  [...values.keys()].forEach((name, i) => {
    keys.set(name, { id: `${prefix}${i}`, name, type: graphmlType(values.get(name)!) });
  });
  return keys;
}

export function toGraphml(graph: Graph): string {
  const nodes = graph.mapNodes((key, attributes) => ({ key, data: flatAttributes(attributes) }));
  const edges = graph.mapEdges((key, attributes, source, target) => ({
    key,
    source,
    target,
    data: flatAttributes(attributes),
  }));
  const nodeKeys = graphmlKeys(
    'n',
    nodes.map((n) => n.data),
  );
  const edgeKeys = graphmlKeys(
    'e',
    edges.map((e) => e.data),
  );
  const data = (keys: Map<string, GraphmlKey>, row: Record<string, Scalar>) =>
    Object.entries(row)
      .map(([name, value]) => `<data key="${keys.get(name)!.id}">${xml(String(value))}</data>`)
      .join('');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...[...nodeKeys.values()].map(
      (k) => `  <key id="${k.id}" for="node" attr.name="${xml(k.name)}" attr.type="${k.type}"/>`,
    ),
    ...[...edgeKeys.values()].map(
      (k) => `  <key id="${k.id}" for="edge" attr.name="${xml(k.name)}" attr.type="${k.type}"/>`,
    ),
    '  <graph id="policy-graph" edgedefault="directed">',
    ...nodes.map((n) => `    <node id="${xml(n.key)}">${data(nodeKeys, n.data)}</node>`),
    ...edges.map(
      (e) =>
        `    <edge id="${xml(e.key)}" source="${xml(e.source)}" target="${xml(e.target)}">${data(edgeKeys, e.data)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return lines.join('\n');
}

/** Leading columns in this order, the rest alphabetically. */
function columns(lead: string[], rows: Record<string, Scalar>[]): string[] {
  const rest = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) if (!lead.includes(name)) rest.add(name);
  return [...lead, ...[...rest].sort()];
}

export function toCsv(graph: Graph, part: CsvPart): string {
  const rows =
    part === 'nodes'
      ? graph.mapNodes((key, attributes) => ({ key, ...flatAttributes(attributes) }))
      : graph.mapEdges((key, attributes, source, target) => ({
          key,
          source,
          target,
          ...flatAttributes(attributes),
        }));
  const lead = part === 'nodes' ? ['key', 'label', 'name'] : ['key', 'source', 'target', 'type'];
  return stringify(rows, { header: true, columns: columns(lead, rows), bom: true });
}

export function exportFile(graph: Graph, format: ExportFormat, part: CsvPart = 'nodes'): ExportFile {
  switch (format) {
    case 'json':
      return {
        body: JSON.stringify(graph.export()),
        contentType: 'application/json; charset=utf-8',
        filename: 'policy-graph.json',
      };
    case 'gexf':
      return {
        body: toGexf(graph),
        contentType: 'application/gexf+xml; charset=utf-8',
        filename: 'policy-graph.gexf',
      };
    case 'graphml':
      return {
        body: toGraphml(graph),
        contentType: 'application/graphml+xml; charset=utf-8',
        filename: 'policy-graph.graphml',
      };
    case 'csv':
      return {
        body: toCsv(graph, part),
        contentType: 'text/csv; charset=utf-8',
        filename: `policy-graph-${part}.csv`,
      };
  }
}
