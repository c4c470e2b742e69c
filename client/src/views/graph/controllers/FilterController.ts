/**
 * Keeps the set of visible nodes in step with the filters, the ego view, the expanded nodes, the
 * selection and the nodes of a path (pinned by the PathController; core/graph/visibility.ts), less
 * the nodes the user hid, and tells its listeners (the reducers, the counts) when it
 * changes. The graph itself is never filtered or copied.
 */
import { afterNodesAdded } from '../../../core/graph/batched';
import { edgeVisible, visibleNodes } from '../../../core/graph/visibility';
import type { RelType } from '../../../core/graph/schema';
import type { ExplorerState } from '../../../core/state/types';
import type { GraphContext } from '../context';

export class FilterController {
  visible = new Set<string>();
  private rels = new Set<RelType>();
  private listeners = new Set<() => void>();
  private pinned: readonly string[] = [];

  constructor(private readonly ctx: GraphContext) {
    ctx.store.subscribe((state, previous) => {
      if (
        state.filters !== previous.filters ||
        state.ego !== previous.ego ||
        state.expanded !== previous.expanded ||
        state.hidden !== previous.hidden ||
        state.selected !== previous.selected
      )
        this.recompute();
    });
    afterNodesAdded(ctx.graph, () => this.recompute());
    this.recompute();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  isEdgeShown(edge: string): boolean {
    return edgeVisible(this.ctx.graph, edge, this.visible, this.rels);
  }

  /** Shows these nodes whatever the filters say (a path), replacing those pinned before. */
  pin(nodes: readonly string[]): void {
    if (nodes.length === 0 && this.pinned.length === 0) return;
    this.pinned = nodes;
    this.recompute();
  }

  recompute(): void {
    const state: ExplorerState = this.ctx.store.get();
    this.visible = visibleNodes(this.ctx.graph, state.filters, { ...state, pinned: this.pinned });
    // Nodes the user hid stay hidden whatever else would show them.
    for (const node of state.hidden ?? []) this.visible.delete(node);
    this.rels = new Set(state.filters.rels);
    this.listeners.forEach((listener) => listener());
  }
}
