/**
 * The graph's appearance and statistics, for the legend, the statistics panel and the exports: the
 * statistics of the drawn graph (metrics.ts), computed when something asks for them and again when
 * the visible graph changes; the colour and size chosen (styling.ts), written into the graph's
 * `color` and `size` (each node's server size is kept as `baseSize`). With the default choice and no
 * statistics asked for, nothing is computed or written: a large graph loads as fast as before.
 */
import type { GraphContext } from '../context';
import type { FilterController } from '../controllers/FilterController';
import { graphStats, type GraphStats } from './metrics';
import { DEFAULT_STYLE, computeStyle, legendOf, statsNeeded, type Legend, type StyleChoice } from './styling';
import { t } from '../../../locales';

export class Appearance {
  choice: StyleChoice = DEFAULT_STYLE;
  private cached: GraphStats | null = null;
  private styled = false;
  private listeners = new Set<() => void>();

  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
  ) {
    filters.onChange(() => {
      // Only when someone has asked for statistics or a style (the open panel has): the legend
      // redraws on filter changes by itself.
      const wanted = this.cached !== null;
      this.cached = null;
      if (wanted || this.styled) this.apply();
    });
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }

  /**
   * The statistics of the graph as drawn now, before any filter by statistics (computed on first
   * ask after a change).
   */
  stats(): GraphStats {
    if (!this.cached) {
      const { graph } = this.ctx;
      // Of what the filters other than those by statistics show, so that filtering by a community
      // or by PageRank does not renumber the communities or rescale the ranks it is filtering by.
      this.cached =
        this.filters.baseStats ??
        graphStats(graph, this.filters.base, (edge) => this.filters.isEdgeInBase(edge));
      const stats = this.cached;
      // On the nodes too, for the CSV export and the GEXF.
      graph.updateEachNodeAttributes(
        (node, a) => ({ ...a, pagerank: stats.pagerank.get(node), community: stats.community.get(node) }),
        { attributes: ['pagerank', 'community'] },
      );
    }
    return this.cached;
  }

  hasStats(): boolean {
    return this.cached !== null;
  }

  choose(choice: Partial<StyleChoice>): void {
    this.choice = { ...this.choice, ...choice };
    this.apply();
  }

  private apply(): void {
    const { graph } = this.ctx;
    const isDefault = this.choice.color === DEFAULT_STYLE.color && this.choice.size === DEFAULT_STYLE.size;
    if (isDefault && !this.styled) return this.notify();
    const stats = statsNeeded(this.choice) ? this.stats() : this.cached;
    const style = computeStyle(graph, stats, [...this.filters.visible], this.choice);
    const all = computeStyle(graph, stats, graph.nodes(), { ...this.choice, color: 'type', size: 'default' });
    graph.updateEachNodeAttributes(
      (node, a) => {
        const s = style.get(node) ?? all.get(node);
        return {
          ...a,
          baseSize: typeof a.baseSize === 'number' ? a.baseSize : a.size,
          color: s?.color ?? a.color,
          size: s?.size ?? a.size,
        };
      },
      { attributes: ['color', 'size', 'baseSize'] },
    );
    this.styled = !isDefault;
    this.notify();
  }

  /** What the node colours mean now, in the UI's language. */
  legend(): Legend {
    const nodes = [...this.filters.visible];
    return legendOf(
      this.ctx.graph,
      statsNeeded(this.choice) ? this.stats() : this.cached,
      nodes,
      this.choice.color,
      (label) => t(`label.${label}`),
      (index) => t('stats.community', { n: index + 1 }),
    );
  }
}
