/**
 * The legend is also the type filter: each node label with its colour and count, each relationship
 * type with its stroke; a checkbox shows or hides it, "Only" keeps just that one. Above them, what
 * the nodes' colour and size stand for (stats/styling.ts), with the scale or the categories of the
 * colour when it is not the type's.
 */
import { afterNodesAdded } from '../../../core/graph/batched';
import { h, mount } from '../../../components/dom';
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from '../../../core/graph/schema';
import { DETAILED_EDGES_MAX, EDGE_STYLES, NODE_COLORS, plainEdges } from '../../../core/graph/style';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import type { Appearance } from '../stats/Appearance';
import { COLOR_BY, SIZE_BY, type ColorBy, type SizeBy } from '../stats/styling';

function formatValue(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(3);
}

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

export class LegendPanel {
  readonly element = h('section', { class: 'panel legend', 'aria-labelledby': 'legend-title' });

  constructor(
    private readonly ctx: GraphContext,
    private readonly appearance?: Appearance,
  ) {
    appearance?.onChange(() => this.render());
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

  /** Colour by / size by, and what the colours mean when they are not the types'. */
  private appearanceControls(): HTMLElement | null {
    const appearance = this.appearance;
    if (!appearance) return null;
    const { choice } = appearance;
    const select = <T extends string>(
      name: string,
      action: string,
      options: readonly T[],
      value: T,
      text: (option: T) => string,
      choose: (option: T) => void,
    ) =>
      h(
        'label',
        { class: 'legend__style' },
        `${name} `,
        h(
          'select',
          {
            dataset: { style: action },
            on: { change: (event) => choose((event.target as HTMLSelectElement).value as T) },
          },
          options.map((option) =>
            h('option', { value: option, selected: option === value, text: text(option) }),
          ),
        ),
      );
    const legend = choice.color === 'type' ? null : appearance.legend();
    return h(
      'div',
      { class: 'legend__appearance' },
      select<ColorBy>(
        t('style.color'),
        'color',
        COLOR_BY,
        choice.color,
        (o) => t(`style.by.${o}`),
        (color) => appearance.choose({ color }),
      ),
      select<SizeBy>(
        t('style.size'),
        'size',
        SIZE_BY,
        choice.size,
        (o) => t(`style.by.${o}`),
        (size) => appearance.choose({ size }),
      ),
      legend?.kind === 'scale'
        ? h(
            'div',
            { class: 'legend__scale', dataset: { min: String(legend.min), max: String(legend.max) } },
            h(
              'span',
              { class: 'legend__ramp' },
              legend.colors.map((color) => {
                const step = h('span', { class: 'legend__ramp-step' });
                step.style.background = color;
                return step;
              }),
            ),
            h('span', {
              class: 'legend__note',
              text: t('style.scale', { min: formatValue(legend.min), max: formatValue(legend.max) }),
            }),
          )
        : legend?.kind === 'categories'
          ? h(
              'ul',
              { class: 'legend__list legend__categories' },
              legend.entries.map((entry) => {
                const swatch = h('span', { class: 'swatch' });
                swatch.style.background = entry.color;
                return h(
                  'li',
                  { class: 'legend__row' },
                  swatch,
                  h('span', { class: 'legend__name', text: entry.name }),
                );
              }),
            )
          : null,
    );
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
      this.appearanceControls(),
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
      !this.appearance || this.appearance.choice.size === 'default'
        ? h('p', { class: 'legend__note', text: t('legend.size') })
        : null,
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
              class: `stroke stroke--${EDGE_STYLES[rel].look}`,
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
