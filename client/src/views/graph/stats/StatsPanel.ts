/**
 * Statistics of the drawn graph, like Gephi Lite's: counts, density, communities and the nodes with
 * the highest PageRank (a click selects one). Folded by default; the statistics are computed when it
 * is opened, and again while it is open when the visible graph changes.
 */
import { h, mount } from '../../../components/dom';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import { displayLabel } from '../controllers/HighlightController';
import type { Appearance } from './Appearance';

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
  }

  private render(): void {
    if (!this.element.open) return;
    const stats = this.appearance.stats();
    const { graph, store } = this.ctx;
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
    );
  }
}
