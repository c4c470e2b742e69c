/**
 * What a result frame writes to a file: its table as CSV (one column per result column, each value
 * as the table reads it: `Port 東莞港`, `:MENTIONS`; written through core/export/files, so with a
 * byte-order mark and no cell a spreadsheet would run as a formula) and as JSON (the query, its
 * parameters and the rows exactly as the API sent them), and its result graph as PNG
 * (core/export/drawing: twice the canvas's size, the query as the title, the labels' legend, the
 * source line and the date drawn on) and as SVG (core/export/svg.ts, the same drawing as text), as
 * the graph view's Export menu draws its own.
 */
import type Sigma from 'sigma';
import { captionedPng } from '../../core/export/drawing';
import { csv } from '../../core/export/csv';
import { stamp } from '../../core/export/files';
import { graphSvg, type LegendEntry, type SvgEdge, type SvgNode } from '../../core/export/svg';
import { FONT_STACK } from '../../core/graph/style';
import { t } from '../../locales';
import type { Json } from '../../../../model/json';
import { labelColor, valueText } from './values';

export interface TableData {
  columns: string[];
  rows: Record<string, Json>[];
}

export function fileName(kind: string, extension: string, date = new Date()): string {
  return `cypher-${kind}-${stamp(date)}.${extension}`;
}

/** Each value as the table reads it; numbers stay numbers (a negative number is no formula). */
export function tableCsv(table: TableData): string {
  const cell = (value: Json) => (typeof value === 'number' ? value : valueText(value));
  return csv(
    table.columns,
    table.rows.map((row) => table.columns.map((c) => cell(row[c] ?? null))),
  );
}

export function tableJson(table: TableData, query: string, params: Record<string, unknown>): string {
  return `${JSON.stringify({ query, params, columns: table.columns, rows: table.rows }, null, 2)}\n`;
}

/** `Policy graph explorer · Cypher console · 2026-05-07` */
export function sourceLine(date = new Date()): string {
  return [t('export.source'), t('view.cypher'), date.toISOString().slice(0, 10)].join(' · ');
}

/** A drawing's title: the query's first line that is not a comment, cut to fit. */
export function drawingTitle(query: string): string {
  const line =
    query
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith('//')) ?? query.trim();
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}

/** One legend row per node label drawn, in order of first appearance. */
function legendOf(sigma: Sigma): LegendEntry[] {
  const labels = new Set<string>();
  sigma.getGraph().forEachNode((_node, a) => labels.add(String(a.kind ?? '')));
  return [...labels].filter(Boolean).map((name) => ({ name, color: labelColor(name) }));
}

export function graphPng(sigma: Sigma, query: string, date = new Date()): Promise<Blob> {
  return captionedPng(sigma, {
    title: drawingTitle(query),
    legend: legendOf(sigma),
    source: sourceLine(date),
  });
}

/** The drawing as an SVG at the canvas's size and positions, every node labelled. */
export function graphSvgText(sigma: Sigma, query: string, date = new Date()): string {
  const { width, height } = sigma.getDimensions();
  const graph = sigma.getGraph();
  const nodes: SvgNode[] = [];
  const at = new Map<string, { x: number; y: number }>();
  graph.forEachNode((node, a) => {
    const data = sigma.getNodeDisplayData(node);
    if (!data || data.hidden) return;
    const { x, y } = sigma.framedGraphToViewport(data);
    at.set(node, { x, y });
    const name = String(a.label ?? node);
    nodes.push({
      key: node,
      x,
      y,
      size: sigma.scaleSize(data.size),
      color: String(a.color),
      label: name,
      name,
    });
  });
  const edges: SvgEdge[] = [];
  graph.forEachEdge((_edge, a, source, target) => {
    const from = at.get(source);
    const to = at.get(target);
    if (!from || !to) return;
    edges.push({ x1: from.x, y1: from.y, x2: to.x, y2: to.y, color: String(a.color), size: Number(a.size) });
  });
  nodes.sort((a, b) => a.size - b.size);
  return graphSvg({
    width,
    height,
    title: drawingTitle(query),
    source: sourceLine(date),
    nodes,
    edges,
    legend: legendOf(sigma),
    font: FONT_STACK,
  });
}
