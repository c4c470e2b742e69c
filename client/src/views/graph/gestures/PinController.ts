/**
 * Dragging a node moves it and pins it there (Neo4j Browser, Bloom): the drag never pans the camera,
 * and a pinned node keeps its place through layouts (LayoutController) and refreshes of the graph's
 * data until it is unpinned. Pins live in the store (`pins`, in the URL and the undo steps); this
 * controller writes them into the graph's positions. An undo that removes a pin puts the node back
 * where it was before its first drag.
 */
import type { GraphPoint } from '../../../core/state/types';
import type { UndoHistory } from '../../../core/state/undo';
import type { GraphContext } from '../context';
import type { LayoutController } from '../controllers/LayoutController';
import { BoxSelection } from './BoxSelection';

export class PinController {
  private dragged: string | null = null;
  private moved = false;
  /** Where each pinned node stood before it was first dragged. */
  private readonly origins = new Map<string, GraphPoint>();
  /** Shift-drag on the background: the other drag of the canvas (a node's drag pins it, here). */
  readonly box: BoxSelection;

  constructor(
    private readonly ctx: GraphContext,
    private readonly layout: LayoutController,
    private readonly history: UndoHistory,
  ) {
    const { sigma, store } = ctx;
    this.box = new BoxSelection(ctx);
    sigma.on('downNode', ({ node, event }) => {
      const original = event.original as MouseEvent;
      // The left button only, and not with Shift (a box selection starts with Shift).
      if (original.button !== 0 || original.shiftKey) return;
      this.dragged = node;
      this.moved = false;
      // A fixed frame while dragging, or sigma rescales the whole graph as the node leaves its bounds.
      if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
    });
    const captor = sigma.getMouseCaptor();
    captor.on('mousemovebody', (event) => {
      if (!this.dragged) return;
      const point = sigma.viewportToGraph(event);
      if (!this.moved) this.remember(this.dragged);
      this.moved = true;
      ctx.graph.mergeNodeAttributes(this.dragged, { x: point.x, y: point.y });
      layout.hold(this.dragged, point);
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
    });
    captor.on('mouseup', () => this.drop());
    captor.on('mouseleave', () => this.drop());

    store.subscribe((state, previous) => {
      if (state.pins === previous.pins) return;
      const before = previous.pins ?? {};
      const after = state.pins ?? {};
      for (const node of Object.keys(before))
        if (!(node in after)) {
          const origin = this.origins.get(node);
          if (this.history.restoring && origin && ctx.graph.hasNode(node))
            ctx.graph.mergeNodeAttributes(node, origin);
          this.origins.delete(node);
        }
      this.apply();
    });
    this.apply();
  }

  get count(): number {
    return Object.keys(this.ctx.store.get().pins ?? {}).length;
  }

  isPinned(node: string): boolean {
    return !!this.ctx.store.get().pins?.[node];
  }

  /** Pins the node where it stands, or unpins it (it stays where it is). */
  toggle(node: string): void {
    const { graph, store } = this.ctx;
    if (!graph.hasNode(node)) return;
    const pins = { ...(store.get().pins ?? {}) };
    if (pins[node]) delete pins[node];
    else {
      this.remember(node);
      pins[node] = { x: graph.getNodeAttribute(node, 'x'), y: graph.getNodeAttribute(node, 'y') };
    }
    store.update({ pins: Object.keys(pins).length ? pins : undefined });
  }

  unpinAll(): void {
    this.ctx.store.update({ pins: undefined });
  }

  /** Writes the pinned places into the graph (after a change of pins or of the graph's data). */
  apply(): void {
    const { graph, store } = this.ctx;
    for (const [node, point] of Object.entries(store.get().pins ?? {}))
      if (graph.hasNode(node)) graph.mergeNodeAttributes(node, { x: point.x, y: point.y });
  }

  private remember(node: string): void {
    const { graph } = this.ctx;
    if (!this.origins.has(node) && graph.hasNode(node))
      this.origins.set(node, { x: graph.getNodeAttribute(node, 'x'), y: graph.getNodeAttribute(node, 'y') });
  }

  private drop(): void {
    const node = this.dragged;
    if (!node) return;
    this.dragged = null;
    this.layout.hold(null);
    if (!this.moved || !this.ctx.graph.hasNode(node)) return;
    const { x, y } = this.ctx.graph.getNodeAttributes(node);
    this.ctx.store.update((state) => ({ pins: { ...(state.pins ?? {}), [node]: { x, y } } }));
  }
}
