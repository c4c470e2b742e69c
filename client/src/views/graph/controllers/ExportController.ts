/**
 * Exports of what is on screen: a PNG of the current view (@sigma/export-image renders it again
 * off-screen, at the canvas size, on white) and a GEXF of the visible subgraph with positions and
 * colours, for Gephi. The whole graph comes from the server (/api/export) as plain links.
 */
import { downloadAsPNG } from '@sigma/export-image';
import { write as writeGexf } from 'graphology-gexf/browser';
import { subgraph } from 'graphology-operators';
import { nodeName } from '../../../core/graph/provenance';
import { untyped, type GraphContext } from '../context';
import type { FilterController } from './FilterController';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export class ExportController {
  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
  ) {}

  async png(): Promise<void> {
    await downloadAsPNG(untyped(this.ctx.sigma), {
      fileName: `policy-graph-${stamp()}`,
      backgroundColor: '#ffffff',
    });
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
    download(new Blob([xml], { type: 'application/xml' }), `policy-graph-view-${stamp()}.gexf`);
  }
}
