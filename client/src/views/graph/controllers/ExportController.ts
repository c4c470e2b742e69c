/**
 * Exports of what is on screen: a PNG of the current view at twice the canvas's size with a title,
 * the legend and a source line drawn on (@sigma/export-image renders it again off-screen); an SVG of
 * the same (circles, lines, labels, legend); the visible nodes and relationships as CSV; a GEXF of
 * the visible subgraph with positions and colours, for Gephi; and the measures of the selection as a
 * citable list (CSV, or plain-text citations). The whole graph comes from the server (/api/export).
 */
import { write as writeGexf } from 'graphology-gexf/browser';
import { subgraph } from 'graphology-operators';
import { nodeName } from '../../../core/graph/provenance';
import { currentScript } from '../../../core/script/convert';
import { FONT_STACK } from '../../../core/graph/style';
import { captionedPng } from '../../../core/export/drawing';
import { download, stamp } from '../../../core/export/files';
import {
  edgesCsv,
  measuresCsv,
  measuresText,
  nodesCsv,
  selectionMeasures,
} from '../../../core/export/tables';
import { graphSvg, type LegendEntry, type SvgEdge, type SvgNode } from '../../../core/export/svg';
import { t } from '../../../locales';
import { untyped, type GraphContext } from '../context';
import type { Appearance } from '../stats/Appearance';
import type { Legend } from '../stats/styling';
import { keepApart, labelBox } from '../labels/collision';
import type { FilterController } from './FilterController';

/** Legend rows for a drawing: the categories, or the scale's ends with their colours. */
function legendEntries(legend: Legend): LegendEntry[] {
  if (legend.kind === 'categories') return legend.entries;
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(3));
  return [
    { color: legend.colors[0] ?? '#ccc', name: fmt(legend.min) },
    { color: legend.colors[legend.colors.length - 1] ?? '#333', name: fmt(legend.max) },
  ];
}

export class ExportController {
  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
    private readonly appearance: Appearance,
  ) {}

  /** The title of a drawing: the document shown when there is one, else the app's. */
  private documents(): string[] {
    const titles: string[] = [];
    for (const node of this.filters.visible) {
      const a = this.ctx.graph.getNodeAttributes(node);
      if (a.label === 'Document') titles.push(String(a.title ?? a.name ?? node));
    }
    return titles.sort();
  }

  private title(): string {
    const docs = this.documents();
    return docs.length === 1 ? docs[0]! : t('export.title');
  }

  /** `Policy graph explorer · <documents> · <date>` */
  sourceLine(date = new Date()): string {
    const docs = this.documents();
    const which =
      docs.length === 0 ? '' : docs.length <= 2 ? docs.join('; ') : t('export.documents', { n: docs.length });
    return [t('export.source'), which, date.toISOString().slice(0, 10)].filter(Boolean).join(' · ');
  }

  private legend(): LegendEntry[] {
    return legendEntries(this.appearance.legend());
  }

  async png(): Promise<void> {
    const caption = { title: this.title(), legend: this.legend(), source: this.sourceLine() };
    const blob = await captionedPng(untyped(this.ctx.sigma), caption);
    download(blob, 'image/png', `policy-graph-${stamp()}.png`);
  }

  /** The view as an SVG, at the canvas's size and positions. */
  svg(): void {
    const sigma = this.ctx.sigma;
    const { width, height } = sigma.getDimensions();
    const labelled = sigma.getNodeDisplayedLabels();
    const { selected } = this.ctx.store.get();
    const nodes: SvgNode[] = [];
    const edges: SvgEdge[] = [];
    const at = new Map<string, { x: number; y: number }>();
    for (const node of this.filters.visible) {
      const data = sigma.getNodeDisplayData(node);
      if (!data || data.hidden) continue;
      const { x, y } = sigma.framedGraphToViewport(data);
      at.set(node, { x, y });
      nodes.push({
        key: node,
        x,
        y,
        size: sigma.scaleSize(data.size),
        color: data.color,
        label: labelled.has(node) ? (data.label ?? '') : '',
        name: nodeName(this.ctx.graph.getNodeAttributes(node)) || node,
      });
    }
    this.ctx.graph.forEachEdge((edge, _a, source, target) => {
      const data = sigma.getEdgeDisplayData(edge);
      const from = at.get(source);
      const to = at.get(target);
      if (!data || data.hidden || !from || !to || !this.filters.isEdgeShown(edge)) return;
      edges.push({ x1: from.x, y1: from.y, x2: to.x, y2: to.y, color: data.color, size: data.size });
    });
    // The labels the canvas shows, kept apart as it keeps them (labels/collision.ts), larger nodes first.
    const labelSize = sigma.getSetting('labelSize');
    const candidates = nodes
      .filter((n) => n.label)
      .sort((a, b) => b.size - a.size)
      .map((n) => ({
        node: n,
        box: labelBox(n.x, n.y, n.size, n.label, labelSize),
        forced: n.key === selected,
      }));
    const kept = new Set(keepApart(candidates).map((c) => c.node));
    for (const n of nodes) if (!kept.has(n)) n.label = '';
    // Larger nodes on top, as on the canvas.
    nodes.sort((a, b) => a.size - b.size);
    const svg = graphSvg({
      width,
      height,
      title: this.title(),
      source: this.sourceLine(),
      nodes,
      edges,
      legend: this.legend(),
      font: FONT_STACK,
    });
    download(svg, 'image/svg+xml', `policy-graph-${stamp()}.svg`);
  }

  nodesCsv(): void {
    const csv = nodesCsv(this.ctx.graph, this.filters.visible);
    download(csv, 'text/csv;charset=utf-8', `policy-graph-nodes-${stamp()}.csv`);
  }

  edgesCsv(): void {
    const shown = this.ctx.graph.filterEdges((edge) => this.filters.isEdgeShown(edge));
    const csv = edgesCsv(this.ctx.graph, shown);
    download(csv, 'text/csv;charset=utf-8', `policy-graph-edges-${stamp()}.csv`);
  }

  /** The measures of the selection; false (nothing written) when nothing with measures is selected. */
  measures(format: 'csv' | 'txt'): boolean {
    const { selected } = this.ctx.store.get();
    const measures = selected ? selectionMeasures(this.ctx.graph, [selected]) : [];
    if (measures.length === 0) return false;
    // A list converted to another script says so (the CSV has a script column).
    const script = currentScript();
    const note = script === 'written' ? undefined : t('script.exported', { script: t(`script.${script}`) });
    const body = format === 'csv' ? measuresCsv(measures) : measuresText(measures, note);
    const type = format === 'csv' ? 'text/csv' : 'text/plain';
    download(body, `${type};charset=utf-8`, `policy-measures-${stamp()}.${format}`);
    return true;
  }

  viewGexf(): void {
    const view = subgraph(this.ctx.graph, [...this.filters.visible]);
    view.forEachEdge((edge) => {
      if (!this.filters.isEdgeShown(edge)) view.dropEdge(edge);
    });
    const xml = writeGexf(view, {
      formatNode: (key, attributes) => ({
        label: nodeName(attributes as Parameters<typeof nodeName>[0]) || key,
        attributes: {
          type: attributes.label,
          aliases: Array.isArray(attributes.aliases) ? attributes.aliases.join(' | ') : '',
          measures: attributes.measures,
        },
        viz: { color: attributes.color, x: attributes.x, y: attributes.y, size: attributes.size },
      }),
      formatEdge: (_key, attributes) => ({ label: attributes.type, attributes: { type: attributes.type } }),
    });
    download(xml, 'application/xml', `policy-graph-view-${stamp()}.gexf`);
  }
}
