/**
 * What a result frame writes to a file: its table as CSV (one column per result column, each value
 * as the table reads it: `Port 東莞港`, `:MENTIONS`; a byte-order mark so spreadsheets read Chinese as
 * UTF-8; no cell a spreadsheet would run as a formula) and as JSON (the query, its parameters and the rows exactly as the API sent them), and its
 * result graph as PNG (@sigma/export-image at twice the canvas's size, with the query as the title,
 * the labels' legend, the source line and the date drawn on) and as SVG (core/export/svg.ts, the same
 * drawing as text). The graph view's Export menu (views/graph/controllers/ExportController) draws
 * its PNG the same way.
 */
import { drawOnCanvas } from '@sigma/export-image';
import { stringify } from 'csv-stringify/browser/esm/sync';
import type Sigma from 'sigma';
import { graphSvg, type LegendEntry, type SvgEdge, type SvgNode } from '../../core/export/svg';
import { FONT_STACK } from '../../core/graph/style';
import { t } from '../../locales';
import type { Json } from '../../../../model/json';
import { labelColor, valueText } from './values';

/** The PNG's pixels per CSS pixel of the canvas, whatever the screen's. */
export const PNG_SCALE = 2;

export interface TableData {
  columns: string[];
  rows: Record<string, Json>[];
}

function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export function download(body: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileName(kind: string, extension: string, date = new Date()): string {
  return `cypher-${kind}-${stamp(date)}.${extension}`;
}

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a
 * leading `'`, as OWASP advises for CSV: a value from a document or a query must never become a
 * formula on opening. Numbers are left as they are (a negative number is no formula).
 */
export function csvCell(value: Json): string {
  const text = valueText(value);
  return typeof value !== 'number' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function tableCsv(table: TableData): string {
  const rows = table.rows.map((row) => table.columns.map((c) => csvCell(row[c] ?? null)));
  return `\uFEFF${stringify([table.columns, ...rows])}`;
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

/** Runs `draw` with window.devicePixelRatio at `ratio`: sigma and the export read it to size canvases. */
async function atPixelRatio<T>(ratio: number, draw: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => ratio });
  try {
    return await draw();
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

/** The title top left, the legend top right, the source line bottom left, each on a white band. */
function decorate(
  c: CanvasRenderingContext2D,
  width: number,
  height: number,
  title: string,
  legend: LegendEntry[],
  source: string,
): void {
  const band = (x: number, y: number, w: number, h: number) => {
    c.fillStyle = 'rgba(255,255,255,0.88)';
    c.fillRect(x, y, w, h);
  };
  c.textBaseline = 'middle';
  c.font = `600 15px ${FONT_STACK}`;
  band(8, 8, c.measureText(title).width + 16, 28);
  c.fillStyle = '#1f2933';
  c.fillText(title, 16, 22);

  c.font = `12px ${FONT_STACK}`;
  const legendWidth = Math.max(80, ...legend.map((e) => c.measureText(e.name).width + 30));
  const lx = width - legendWidth - 12;
  band(lx, 44, legendWidth + 4, legend.length * 18 + 8);
  legend.forEach((entry, i) => {
    c.fillStyle = entry.color;
    c.beginPath();
    c.arc(lx + 12, 57 + i * 18, 5, 0, Math.PI * 2);
    c.fill();
    c.fillStyle = '#1f2933';
    c.fillText(entry.name, lx + 24, 57 + i * 18);
  });

  band(8, height - 30, c.measureText(source).width + 16, 22);
  c.fillStyle = '#52606d';
  c.fillText(source, 16, height - 19);
}

export async function graphPng(sigma: Sigma, query: string, date = new Date()): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const canvas = await atPixelRatio(PNG_SCALE, () => drawOnCanvas(sigma, { backgroundColor: '#ffffff' }));
  const c = canvas.getContext('2d');
  if (!c) throw new Error('no 2D context');
  c.save();
  c.scale(canvas.width / width, canvas.height / height);
  decorate(c, width, height, drawingTitle(query), legendOf(sigma), sourceLine(date));
  c.restore();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the image could not be encoded');
  return blob;
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
