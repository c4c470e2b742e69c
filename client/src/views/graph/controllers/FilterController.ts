/**
 * Keeps the set of visible nodes in step with the filters, the ego view, the expanded nodes, the
 * selection and the nodes of a path (pinned by the PathController; core/graph/visibility.ts), less
 * the nodes the user hid, and tells its listeners (the reducers, the counts) when it
 * changes. The graph itself is never filtered or copied.
 */
import { afterNodesAdded } from '../../../core/graph/batched';
import { byStats, edgeVisible, filtersByStats, visibleNodes } from '../../../core/graph/visibility';
import type { RelType } from '../../../core/graph/schema';
import type { ExplorerState } from '../../../core/state/types';
import type { GraphContext } from '../context';
import { graphStats, type GraphStats } from '../stats/metrics';

export class FilterController {
  visible = new Set<string>();
  /** What the filters other than those by statistics show: the graph the statistics describe. */
  base = new Set<string>();
  /** The statistics of `base`, when a filter by statistics needed them. */
  baseStats: GraphStats | null = null;
  private rels = new Set<RelType>();
  private listeners = new Set<() => void>();
  private pinned: readonly string[] = [];
  /** Bumped by every change of the graph's relationships, so the statistics are not reused across one. */
  private edgesVersion = 0;
  /** What `baseStats` were computed for: a selection elsewhere in the same view keeps them. */
  private statsKey = '';

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
    for (const event of ['edgeAdded', 'edgeDropped', 'edgesCleared', 'cleared'] as const)
      ctx.graph.on(event, () => this.edgesVersion++);
    afterNodesAdded(ctx.graph, () => this.recompute());
    this.recompute();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  isEdgeShown(edge: string): boolean {
    return edgeVisible(this.ctx.graph, edge, this.visible, this.rels);
  }

  /** Whether the relationship is drawn when the filters by statistics are left out. */
  isEdgeInBase(edge: string): boolean {
    return edgeVisible(this.ctx.graph, edge, this.base, this.rels);
  }

  /** Shows these nodes whatever the filters say (a path), replacing those pinned before. */
  pin(nodes: readonly string[]): void {
    if (nodes.length === 0 && this.pinned.length === 0) return;
    this.pinned = nodes;
    this.recompute();
  }

  recompute(): void {
    const state: ExplorerState = this.ctx.store.get();
    const { graph } = this.ctx;
    this.base = visibleNodes(graph, state.filters, { ...state, pinned: this.pinned });
    // Nodes the user hid stay hidden whatever else would show them.
    for (const node of state.hidden ?? []) this.base.delete(node);
    this.rels = new Set(state.filters.rels);
    // The filters by statistics (communities, PageRank) last, on the statistics of what the others show.
    // Louvain and PageRank once per graph shown, not again on each click that changes nothing of it.
    if (filtersByStats(state.filters)) {
      const key = `${this.edgesVersion}\n${[...this.rels].join()}\n${[...this.base].join('\n')}`;
      if (key !== this.statsKey || !this.baseStats)
        this.baseStats = graphStats(graph, this.base, (edge) => this.isEdgeInBase(edge));
      this.statsKey = key;
    } else {
      this.baseStats = null;
      this.statsKey = '';
    }
    this.visible = this.baseStats
      ? byStats(this.base, this.baseStats, state.filters, [
          state.selected,
          state.ego?.center,
          ...state.expanded,
          ...this.pinned,
        ])
      : this.base;
    this.listeners.forEach((listener) => listener());
  }
}
