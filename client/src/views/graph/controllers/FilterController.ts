/**
 * Keeps the set of visible nodes in step with the filters, the ego view, the expanded nodes and the
 * selection (core/graph/visibility.ts), and tells its listeners (the reducers, the counts) when it
 * changes. The graph itself is never filtered or copied.
 */
import { edgeVisible, visibleNodes } from '../../../core/graph/visibility';
import type { RelType } from '../../../core/graph/schema';
import type { ExplorerState } from '../../../core/state/types';
import type { GraphContext } from '../context';

export class FilterController {
  visible = new Set<string>();
  private rels = new Set<RelType>();
  private listeners = new Set<() => void>();

  constructor(private readonly ctx: GraphContext) {
    ctx.store.subscribe((state, previous) => {
      if (
        state.filters !== previous.filters ||
        state.ego !== previous.ego ||
        state.expanded !== previous.expanded ||
        state.selected !== previous.selected
      )
        this.recompute();
    });
    ctx.graph.on('nodeAdded', () => this.recompute());
    this.recompute();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  isEdgeShown(edge: string): boolean {
    return edgeVisible(this.ctx.graph, edge, this.visible, this.rels);
  }

  recompute(): void {
    const state: ExplorerState = this.ctx.store.get();
    this.visible = visibleNodes(this.ctx.graph, state.filters, state);
    this.rels = new Set(state.filters.rels);
    this.listeners.forEach((listener) => listener());
  }
}
