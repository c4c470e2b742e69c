/**
 * The legend is also the type filter: each node label with its colour and count, each relationship
 * type with its stroke; a checkbox shows or hides it, "Only" keeps just that one.
 */
import { afterNodesAdded } from '../../../core/graph/batched';
import { h, mount } from '../../../components/dom';
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from '../../../core/graph/schema';
import { DETAILED_EDGES_MAX, EDGE_STYLES, NODE_COLORS, plainEdges } from '../../../core/graph/style';
import { t } from '../../../locales';
import type { GraphContext } from '../context';

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

export class LegendPanel {
  readonly element = h('section', { class: 'panel legend', 'aria-labelledby': 'legend-title' });

  constructor(private readonly ctx: GraphContext) {
    ctx.store.subscribe((state, previous) => {
      if (state.filters !== previous.filters || state.lang !== previous.lang) this.render();
    });
    afterNodesAdded(ctx.graph, () => this.render());
    this.render();
  }

  private counts(): { nodes: Map<NodeLabel, number>; edges: Map<RelType, number> } {
    const nodes = new Map<NodeLabel, number>();
    const edges = new Map<RelType, number>();
    this.ctx.graph.forEachNode((_n, a) => nodes.set(a.label, (nodes.get(a.label) ?? 0) + 1));
    this.ctx.graph.forEachEdge((_e, a) => edges.set(a.type, (edges.get(a.type) ?? 0) + 1));
    return { nodes, edges };
  }

  private render(): void {
    const { store } = this.ctx;
    const { filters } = store.get();
    const { nodes, edges } = this.counts();
    const setFilters = (patch: Partial<typeof filters>) =>
      store.update((s) => ({ filters: { ...s.filters, ...patch } }));

    const row = (
      kind: 'node' | 'rel',
      id: string,
      name: string,
      count: number,
      checked: boolean,
      swatch: HTMLElement,
      onToggle: (on: boolean) => void,
      onOnly: () => void,
    ) =>
      h(
        'li',
        { class: `legend__row${count ? '' : ' legend__row--empty'}`, dataset: { [kind]: id } },
        h(
          'label',
          { class: 'legend__label', title: t('legend.toggle', { name }) },
          h('input', {
            type: 'checkbox',
            checked,
            on: { change: (event) => onToggle((event.target as HTMLInputElement).checked) },
          }),
          swatch,
          h('span', { class: 'legend__name', text: name }),
          h('span', { class: 'legend__count', text: count }),
        ),
        h('button', {
          class: 'legend__only',
          type: 'button',
          text: t('legend.only'),
          title: t('legend.onlyTitle', { name }),
          on: { click: onOnly },
        }),
      );

    mount(
      this.element,
      h('h2', { id: 'legend-title', class: 'panel__title', text: t('legend.title') }),
      h('h3', { class: 'panel__subtitle', text: t('legend.nodes') }),
      h(
        'ul',
        { class: 'legend__list' },
        NODE_LABELS.map((label) =>
          row(
            'node',
            label,
            t(`label.${label}`),
            nodes.get(label) ?? 0,
            filters.labels.includes(label),
            h('span', { class: 'swatch', style: `background:${NODE_COLORS[label]}` }),
            (on) => setFilters({ labels: toggled(filters.labels, label, on) }),
            () => setFilters({ labels: [label] }),
          ),
        ),
      ),
      h('p', { class: 'legend__note', text: t('legend.size') }),
      h('h3', { class: 'panel__subtitle', text: t('legend.relationships') }),
      h(
        'ul',
        { class: 'legend__list' },
        REL_TYPES.map((rel) =>
          row(
            'rel',
            rel,
            t(`rel.${rel}`),
            edges.get(rel) ?? 0,
            filters.rels.includes(rel),
            h('span', {
              class: `stroke stroke--${EDGE_STYLES[rel].program}`,
              style: `--stroke:${EDGE_STYLES[rel].color};--width:${EDGE_STYLES[rel].size * 1.5}px`,
            }),
            (on) => setFilters({ rels: toggled(filters.rels, rel, on) }),
            () => setFilters({ rels: [rel] }),
          ),
        ),
      ),
      plainEdges(this.ctx.graph.size)
        ? h('p', {
            class: 'legend__note legend__note--light',
            text: t('legend.lightEdges', { count: DETAILED_EDGES_MAX }),
          })
        : null,
    );
  }
}
