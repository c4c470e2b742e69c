/**
 * Statistics of the drawn graph, like Gephi Lite's: counts, density, communities and the nodes with
 * the highest PageRank (a click selects one). Folded by default; the statistics are computed when it
 * is opened, and again while it is open when the visible graph changes. "Show only" filters the view
 * by them (chosen communities, the top N by PageRank, a minimum PageRank): filters in the store like
 * the Filters panel's (core/graph/visibility.ts), so the URL, undo and saved views hold them.
 */
import { h, mount } from '../../../components/dom';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import { displayLabel } from '../controllers/HighlightController';
import type { Filters } from '../../../core/graph/visibility';
import type { GraphStats } from './metrics';
import type { Appearance } from './Appearance';
import { onShownScriptChange } from '../../../core/script/convert';

const TOP = 8;

export class StatsPanel {
  readonly element: HTMLDetailsElement;
  private readonly body = h('div', { class: 'stats__body' });

  constructor(
    private readonly ctx: GraphContext,
    private readonly appearance: Appearance,
  ) {
    this.element = h(
      'details',
      { class: 'panel stats', dataset: { panel: 'stats' } },
      h('summary', { class: 'panel__title', text: t('stats.title') }),
      this.body,
    ) as HTMLDetailsElement;
    this.element.addEventListener('toggle', () => this.render());
    appearance.onChange(() => this.render());
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) {
        this.element.querySelector('summary')!.textContent = t('stats.title');
        this.render();
      }
    });
    onShownScriptChange(() => this.render());
  }

  private render(): void {
    if (!this.element.open) return;
    const stats = this.appearance.stats();
    const { graph, store } = this.ctx;
    // A re-render follows each filter change: the control that made it keeps the focus.
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.control;
    const fact = (name: string, key: string, value: string) =>
      h(
        'div',
        { class: 'stats__fact', dataset: { stat: key } },
        h('dt', { text: name }),
        h('dd', { text: value }),
      );
    mount(
      this.body,
      h(
        'dl',
        { class: 'stats__facts' },
        fact(t('stats.nodes'), 'nodes', stats.nodes.toLocaleString()),
        fact(t('stats.edges'), 'edges', stats.edges.toLocaleString()),
        fact(t('stats.density'), 'density', stats.density.toPrecision(3)),
        fact(t('stats.communities'), 'communities', stats.communities.toLocaleString()),
      ),
      h('h3', { class: 'panel__subtitle', text: t('stats.top') }),
      h(
        'ol',
        { class: 'stats__top' },
        stats.top.slice(0, TOP).map((node) =>
          h(
            'li',
            { dataset: { node } },
            h('button', {
              type: 'button',
              class: 'link-button',
              text: displayLabel(graph.getNodeAttributes(node)) || node,
              on: { click: () => store.update({ selected: node }) },
            }),
            h('span', { class: 'stats__value', text: (stats.pagerank.get(node) ?? 0).toFixed(4) }),
          ),
        ),
      ),
      this.filterControls(stats),
    );
    if (focused) this.body.querySelector<HTMLElement>(`[data-control="${focused}"]`)?.focus();
  }

  /** "Show only": communities to tick, how many of the top nodes by PageRank, a minimum PageRank. */
  private filterControls(stats: GraphStats): HTMLElement {
    const { store } = this.ctx;
    const { filters } = store.get();
    const set = (patch: Partial<Filters>) =>
      store.update((s) => {
        const next: Filters = { ...s.filters, ...patch };
        // An absent filter is no key at all, as a link without it reads.
        for (const key of ['communities', 'topRank', 'minRank'] as const)
          if (next[key] === undefined || (Array.isArray(next[key]) && !next[key].length)) delete next[key];
        return { filters: next };
      });
    const sizes = new Map<number, number>();
    for (const c of stats.community.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    const chosen = new Set(filters.communities ?? []);
    const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
    const topId = 'stats-top-rank';
    const minId = 'stats-min-rank';
    return h(
      'div',
      { class: 'stats__filter' },
      h('h3', { class: 'panel__subtitle', text: t('stats.filter') }),
      h(
        'fieldset',
        { class: 'field stats__communities' },
        h('legend', { text: t('stats.communities') }),
        h('button', {
          type: 'button',
          class: 'link-button',
          dataset: { control: 'all-communities' },
          text: t('stats.allCommunities'),
          disabled: !chosen.size,
          on: { click: () => set({ communities: undefined }) },
        }),
        [...sizes.keys()]
          .sort((a, b) => a - b)
          .map((community) =>
            h(
              'label',
              { class: 'stats__community' },
              h('input', {
                type: 'checkbox',
                checked: chosen.has(community),
                dataset: { community: String(community), control: `community-${community}` },
                on: {
                  change: (event) => {
                    const on = (event.target as HTMLInputElement).checked;
                    const next = new Set(chosen);
                    if (on) next.add(community);
                    else next.delete(community);
                    set({ communities: [...next].sort((a, b) => a - b) });
                  },
                },
              }),
              ` ${t('stats.community', { n: community + 1 })} (${sizes.get(community)})`,
            ),
          ),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: topId, text: t('stats.top') }),
        h('input', {
          id: topId,
          type: 'number',
          min: 0,
          step: 1,
          inputmode: 'numeric',
          value: filters.topRank ?? '',
          dataset: { control: 'top-rank' },
          on: {
            change: (event) => {
              const n = number((event.target as HTMLInputElement).value);
              set({ topRank: n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined });
            },
          },
        }),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: minId, text: t('stats.minPagerank') }),
        h('input', {
          id: minId,
          type: 'number',
          min: 0,
          step: 0.001,
          inputmode: 'decimal',
          value: filters.minRank ?? '',
          dataset: { control: 'min-rank' },
          on: {
            change: (event) => {
              const n = number((event.target as HTMLInputElement).value);
              set({ minRank: n !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined });
            },
          },
        }),
      ),
    );
  }
}
