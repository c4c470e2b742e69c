/**
 * The view's only nodeReducer/edgeReducer. Hovering a node (or, with nothing hovered, selecting one)
 * brings it and its visible neighbourhood forward and mutes the rest; a path between two entities
 * (PathController), while one is shown, takes the selection's place: its nodes and edges stand out,
 * the rest is muted. Filtered-out nodes and edges are hidden; each relationship type gets its style
 * (core/graph/style.ts), drawn as a plain line on a large graph unless it is highlighted. Display names are computed here because the graph's `label` attribute
 * holds the node's type.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { EDGE_STYLES, MUTED_COLOR, MUTED_NODE_SIZE, edgeLook } from '../../../core/graph/style';
import { edgeShape } from '../rendering/programs';
import type { EdgeAttributes, NodeAttributes } from '../../../core/graph/schema';
import type { GraphContext } from '../context';
import type { FilterController } from './FilterController';
import type { PathController } from './PathController';
import { measureTitle } from '../../../components/measure-title';
import { onShownScriptChange, showName } from '../../../core/script/convert';

const MAX_CHARS = 16;
/** Graphs up to this many nodes and edges highlight a hovered node's neighbourhood at once. */
const INSTANT_HOVER_MAX = 1000;
/** Larger ones when the pointer has rested on a node (or off all nodes) this long, in ms. */
const HOVER_REST_MS = 120;
/** A path's edges and its nodes' borders: a colour no node type has. */
export const PATH_COLOR = '#7048e8';
const PATH_EDGE_MUTED = '#eef1f5';

/** A node's label on the canvas, in the content script shown (core/script/convert.ts). */
export function displayLabel(attributes: NodeAttributes): string {
  if (attributes.label === 'Measure')
    return typeof attributes.shortLabel === 'string' && attributes.shortLabel
      ? showName(attributes.shortLabel)
      : measureTitle(attributes);
  const name = showName(
    attributes.label === 'Section' && attributes.number
      ? `${attributes.number}、${attributes.title ?? attributes.name ?? ''}`
      : (attributes.name ?? attributes.title ?? ''),
  );
  return name.length > MAX_CHARS ? `${name.slice(0, MAX_CHARS - 1)}…` : name;
}

export class HighlightController {
  private hovered: string | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  /** The hovered or selected node and its visible neighbours. */
  private focus: Set<string> | null = null;

  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
    private readonly path?: PathController,
  ) {
    const { sigma, store } = ctx;
    sigma.on('enterNode', ({ node }) => this.hover(node));
    sigma.on('leaveNode', () => this.hover(null));
    filters.onChange(() => this.refresh());
    path?.onChange(() => this.refresh());
    store.subscribe((state, previous) => {
      if (
        state.selected !== previous.selected ||
        state.picked !== previous.picked ||
        state.ego !== previous.ego ||
        state.lang !== previous.lang
      )
        this.refresh();
    });
    onShownScriptChange(() => this.refresh());
    // Both reducers in one call: sigma runs every reducer over the whole graph on each settings call
    // and each refresh (GraphView sets them while sigma still holds an empty graph, then gives it the
    // real one, so start-up runs them once).
    this.updateFocus();
    sigma.setSettings({
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
  }

  /**
   * The cursor follows the pointer at once (and sigma draws the hovered node and its label on its
   * own layer); the neighbourhood highlight, which redraws the whole graph, waits until the pointer
   * rests on a large graph, so sweeping over 10k nodes does not redraw it for every node crossed.
   */
  private hover(node: string | null): void {
    this.ctx.sigma.getContainer().style.cursor = node ? 'pointer' : '';
    clearTimeout(this.hoverTimer);
    const apply = () => {
      if (node === this.hovered) return;
      this.hovered = node;
      this.refresh(true);
    };
    const { graph } = this.ctx;
    if (graph.order + graph.size <= INSTANT_HOVER_MAX) apply();
    else this.hoverTimer = setTimeout(apply, HOVER_REST_MS);
  }

  /** `positionsUnchanged`: a hover moves nothing, so sigma can skip re-indexing the graph. */
  private refresh(positionsUnchanged = false): void {
    this.updateFocus();
    this.ctx.sigma.refresh({ skipIndexation: positionsUnchanged });
  }

  private updateFocus(): void {
    const { graph } = this.ctx;
    const center = this.center();
    if (center && graph.hasNode(center) && this.filters.visible.has(center)) {
      this.focus = new Set([center]);
      graph.forEachEdge(center, (edge, _a, source, target) => {
        if (this.filters.isEdgeShown(edge)) this.focus?.add(source === center ? target : source);
      });
    } else this.focus = null;
  }

  /**
   * Whose neighbourhood stands out: the hovered node, or the selected one unless a path is shown or
   * it is the centre of the ego view (which is its neighbourhood already: muting beyond one hop drew
   * a 2-hop view's second ring as pale dots).
   */
  private center(): string | null {
    if (this.hovered) return this.hovered;
    const { selected, ego } = this.ctx.store.get();
    return this.path?.active || (selected && ego?.center === selected) ? null : selected;
  }

  private reduceNode(node: string, data: NodeAttributes): Partial<NodeDisplayData> {
    const display: Partial<NodeDisplayData> & Record<string, unknown> = {
      ...data,
      label: displayLabel(data),
    };
    if (!this.filters.visible.has(node)) return { ...display, hidden: true };
    const { selected, picked } = this.ctx.store.get();
    if (!this.focus && this.path?.active) {
      if (this.path.nodes.has(node)) {
        display.zIndex = 1;
        display.forceLabel = true;
        display.borderColor = PATH_COLOR;
        display.borderSize = 0.3;
      } else this.mute(display);
    }
    if (this.focus) {
      if (this.focus.has(node)) {
        display.zIndex = 1;
        display.forceLabel = this.focus.size <= 30;
      } else this.mute(display);
    }
    if (picked?.includes(node)) {
      display.zIndex = 2;
      display.forceLabel = true;
      display.borderColor = '#111827';
      display.borderSize = 0.2;
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

  /** Into the background: pale, unlabelled, below the rest and small (MUTED_NODE_SIZE says why). */
  private mute(display: Partial<NodeDisplayData> & Record<string, unknown>): void {
    display.color = MUTED_COLOR;
    display.label = '';
    display.zIndex = 0;
    display.borderColor = MUTED_COLOR;
    display.size = Math.min(display.size ?? MUTED_NODE_SIZE, MUTED_NODE_SIZE);
  }

  private reduceEdge(edge: string, data: EdgeAttributes): Partial<EdgeDisplayData> {
    const style = EDGE_STYLES[data.type];
    // How it is drawn (rendering/programs.ts): plain lines on a large graph, but a highlighted edge
    // in its own look.
    const relationships = this.ctx.graph.size;
    const display: Partial<EdgeDisplayData> = {
      ...data,
      label: null,
      color: style?.color ?? '#ccc',
      size: style?.size ?? 1,
      ...edgeShape(edgeLook(data.type, relationships, false)),
    };
    // A path's edges show whatever the relationship filter says: the path goes through them.
    if (this.path?.edges.has(edge))
      return {
        ...display,
        ...edgeShape(edgeLook(data.type, relationships, true)),
        hidden: false,
        color: PATH_COLOR,
        size: Math.max(3, (display.size ?? 1) * 2.2),
        zIndex: 2,
      };
    if (!this.filters.isEdgeShown(edge)) return { ...display, hidden: true };
    if (!this.focus && this.path?.active) return { ...display, color: PATH_EDGE_MUTED, zIndex: 0 };
    if (this.focus) {
      const { graph } = this.ctx;
      const center = this.center();
      if (graph.source(edge) !== center && graph.target(edge) !== center) return { ...display, hidden: true };
      Object.assign(display, edgeShape(edgeLook(data.type, relationships, true)));
      display.size = (display.size ?? 1) * 1.8;
      display.zIndex = 1;
    }
    return display;
  }
}
