/**
 * The view's only nodeReducer/edgeReducer. Hovering a node (or, with nothing hovered, selecting one)
 * brings it and its visible neighbourhood forward and mutes the rest; filtered-out nodes and edges are
 * hidden; each relationship type gets its style (core/graph/style.ts). Display names are computed
 * here because the graph's `label` attribute holds the node's type.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { EDGE_STYLES, MUTED_COLOR } from '../../../core/graph/style';
import type { EdgeAttributes, NodeAttributes } from '../../../core/graph/schema';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import type { FilterController } from './FilterController';

const MAX_CHARS = 16;

export function displayLabel(attributes: NodeAttributes): string {
  if (attributes.label === 'Measure') return t('measure.title', { number: attributes.number ?? '?' });
  const name =
    attributes.label === 'Section' && attributes.number
      ? `${attributes.number}、${attributes.title ?? attributes.name ?? ''}`
      : (attributes.name ?? attributes.title ?? '');
  return name.length > MAX_CHARS ? `${name.slice(0, MAX_CHARS - 1)}…` : name;
}

export class HighlightController {
  private hovered: string | null = null;
  /** The hovered or selected node and its visible neighbours. */
  private focus: Set<string> | null = null;

  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
  ) {
    const { sigma, store } = ctx;
    sigma.setSetting('nodeReducer', (node, data) => this.reduceNode(node, data));
    sigma.setSetting('edgeReducer', (edge, data) => this.reduceEdge(edge, data));
    sigma.on('enterNode', ({ node }) => this.hover(node));
    sigma.on('leaveNode', () => this.hover(null));
    filters.onChange(() => this.refresh());
    store.subscribe((state, previous) => {
      if (state.selected !== previous.selected || state.lang !== previous.lang) this.refresh();
    });
    this.refresh();
  }

  private hover(node: string | null): void {
    this.hovered = node;
    this.ctx.sigma.getContainer().style.cursor = node ? 'pointer' : '';
    this.refresh(true);
  }

  /** `positionsUnchanged`: a hover moves nothing, so sigma can skip re-indexing the graph. */
  private refresh(positionsUnchanged = false): void {
    const { graph, store, sigma } = this.ctx;
    const center = this.hovered ?? store.get().selected;
    if (center && graph.hasNode(center) && this.filters.visible.has(center)) {
      this.focus = new Set([center]);
      graph.forEachEdge(center, (edge, _a, source, target) => {
        if (this.filters.isEdgeShown(edge)) this.focus?.add(source === center ? target : source);
      });
    } else this.focus = null;
    sigma.refresh({ skipIndexation: positionsUnchanged });
  }

  private reduceNode(node: string, data: NodeAttributes): Partial<NodeDisplayData> {
    const display: Partial<NodeDisplayData> & Record<string, unknown> = {
      ...data,
      label: displayLabel(data),
    };
    if (!this.filters.visible.has(node)) return { ...display, hidden: true };
    const selected = this.ctx.store.get().selected;
    if (this.focus) {
      if (this.focus.has(node)) {
        display.zIndex = 1;
        display.forceLabel = this.focus.size <= 30;
      } else {
        display.color = MUTED_COLOR;
        display.label = '';
        display.zIndex = 0;
        display.borderColor = MUTED_COLOR;
      }
    }
    if (node === selected) {
      display.zIndex = 2;
      display.forceLabel = true;
      display.borderColor = '#111827';
      display.borderSize = 0.28;
    }
    if (node === this.hovered) display.zIndex = 3;
    return display;
  }

  private reduceEdge(edge: string, data: EdgeAttributes): Partial<EdgeDisplayData> {
    const style = EDGE_STYLES[data.type];
    const display: Partial<EdgeDisplayData> = {
      ...data,
      label: null,
      color: style?.color ?? '#ccc',
      size: style?.size ?? 1,
    };
    if (!this.filters.isEdgeShown(edge)) return { ...display, hidden: true };
    if (this.focus) {
      const { graph } = this.ctx;
      const center = this.hovered ?? this.ctx.store.get().selected;
      if (graph.source(edge) !== center && graph.target(edge) !== center) return { ...display, hidden: true };
      display.size = (display.size ?? 1) * 1.8;
      display.zIndex = 1;
    }
    return display;
  }
}
