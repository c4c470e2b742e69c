/**
 * Document, section, minimum degree and the ego view (1–3 hops around the selected node), with how
 * many nodes the filters leave and a way back to the whole graph.
 */
import { afterNodesAdded } from '../../../core/graph/batched';
import { h, mount } from '../../../components/dom';
import { nodeName } from '../../../core/graph/provenance';
import { onShownScriptChange } from '../../../core/script/convert';
import { DEFAULT_FILTERS, EGO_DEPTHS, planYears } from '../../../core/graph/visibility';
import { planName, sectionLabel } from '../../../../../model/names';

/** How long the year slicer's animation shows each year. */
const YEAR_STEP_MS = 1600;
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import type { FilterController } from '../controllers/FilterController';

export class FiltersPanel {
  readonly element = h('section', { class: 'panel filters', 'aria-labelledby': 'filters-title' });
  private readonly count = h('p', { class: 'filters__count', 'aria-live': 'polite' });

  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
  ) {
    ctx.store.subscribe((state, previous) => {
      if (
        state.filters !== previous.filters ||
        state.ego !== previous.ego ||
        state.expanded !== previous.expanded ||
        state.lang !== previous.lang ||
        state.selected !== previous.selected
      )
        this.render();
    });
    onShownScriptChange(() => this.render());
    filters.onChange(() => this.renderCount());
    afterNodesAdded(ctx.graph, () => this.render());
    this.render();
  }

  /**
   * The year slicer: the plans of one year (and what their measures touch), or every year; ▶ steps
   * through the years one after another, so the graph shows how the plans moved.
   */
  private yearSlicer(year: number | null, choose: (year: number | null) => void): HTMLElement | null {
    const years = planYears(this.ctx.graph);
    if (years.length < 2 && year === null) return null;
    const playing = this.playing !== null;
    return h(
      'div',
      { class: 'field year-slicer' },
      h('label', { for: 'filter-year', text: t('filters.year') }),
      h(
        'div',
        { class: 'year-slicer__row' },
        h(
          'select',
          {
            id: 'filter-year',
            on: {
              change: (event) => {
                this.stop();
                const value = (event.target as HTMLSelectElement).value;
                choose(value ? Number(value) : null);
              },
            },
          },
          h('option', { value: '', text: t('filters.anyYear') }),
          years.map((y) => h('option', { value: String(y), selected: y === year, text: String(y) })),
        ),
        h('button', {
          type: 'button',
          class: 'year-slicer__play',
          'aria-pressed': String(playing),
          text: playing ? '■' : '▶',
          title: playing ? t('filters.yearStop') : t('filters.yearPlay'),
          'aria-label': playing ? t('filters.yearStop') : t('filters.yearPlay'),
          on: { click: () => (playing ? this.stop() : this.play(years, choose)) },
        }),
      ),
    );
  }

  private playing: ReturnType<typeof setInterval> | null = null;

  /** Shows each year in turn, from the first, and stays on the last. */
  private play(years: number[], choose: (year: number | null) => void): void {
    let index = 0;
    choose(years[index]!);
    this.playing = setInterval(() => {
      index++;
      if (index >= years.length) return this.stop();
      choose(years[index]!);
    }, YEAR_STEP_MS);
    this.render();
  }

  private stop(): void {
    if (this.playing === null) return;
    clearInterval(this.playing);
    this.playing = null;
    this.render();
  }

  private renderCount(): void {
    this.count.textContent = t('filters.shown', {
      visible: this.filters.visible.size,
      total: this.ctx.graph.order,
    });
  }

  private options(label: 'Document' | 'Section', document: string | null) {
    const { graph } = this.ctx;
    const rows: { key: string; text: string; level: number }[] = [];
    graph.forEachNode((key, a) => {
      if (a.label !== label || (document && a.document !== document)) return;
      const level = typeof a.level === 'number' ? a.level : 1;
      const name =
        label === 'Section'
          ? sectionLabel({ number: String(a.number ?? ''), level: Number(a.level ?? 1), title: nodeName(a) })
          : nodeName(a);
      rows.push({
        key,
        text:
          label === 'Document'
            ? planName({ title: name, year: typeof a.year === 'number' ? a.year : null })
            : name,
        level,
      });
    });
    return rows;
  }

  private render(): void {
    const { store, graph } = this.ctx;
    const state = store.get();
    const { filters } = state;
    const setFilters = (patch: Partial<typeof filters>) =>
      store.update((s) => ({ filters: { ...s.filters, ...patch } }));
    const documents = this.options('Document', null);
    const sections = this.options('Section', filters.document);
    let maxDegree = 1;
    graph.forEachNode((n) => (maxDegree = Math.max(maxDegree, graph.degree(n))));
    const egoCenter = state.ego?.center ?? state.selected;

    const select = (
      id: string,
      label: string,
      value: string | null,
      rows: { key: string; text: string; level: number }[],
      onChange: (value: string | null) => void,
    ) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: id, text: label }),
        h(
          'select',
          { id, on: { change: (event) => onChange((event.target as HTMLSelectElement).value || null) } },
          h('option', { value: '', text: t('filters.any') }),
          rows.map((row) =>
            h('option', {
              value: row.key,
              selected: row.key === value,
              text: `${'\u3000'.repeat(Math.max(0, row.level - 1))}${row.text}`,
            }),
          ),
        ),
      );

    const degreeId = 'filter-degree';
    mount(
      this.element,
      h('h2', { id: 'filters-title', class: 'panel__title', text: t('filters.title') }),
      documents.length > 1 || filters.document
        ? select('filter-document', t('filters.document'), filters.document, documents, (document) =>
            setFilters({ document, section: null }),
          )
        : null,
      select('filter-section', t('filters.section'), filters.section, sections, (section) =>
        setFilters({ section }),
      ),
      this.yearSlicer(filters.year, (year) => setFilters({ year })),
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          { for: degreeId },
          t('filters.minDegree'),
          h('output', { class: 'field__value', for: degreeId, text: filters.minDegree }),
        ),
        h('input', {
          id: degreeId,
          type: 'range',
          min: 0,
          max: Math.min(maxDegree, 30),
          step: 1,
          value: filters.minDegree,
          // The output follows the thumb; the filter (and this panel's re-render) waits for the release.
          on: {
            input: (event) => {
              const input = event.target as HTMLInputElement;
              input.previousElementSibling?.querySelector('output')?.replaceChildren(input.value);
            },
            change: (event) => setFilters({ minDegree: Number((event.target as HTMLInputElement).value) }),
          },
        }),
      ),
      h(
        'fieldset',
        { class: 'field ego' },
        h('legend', { text: t('filters.ego') }),
        h(
          'div',
          { class: 'segmented', role: 'group' },
          [0, ...EGO_DEPTHS].map((depth) =>
            h('button', {
              type: 'button',
              class: 'segmented__item',
              'aria-pressed': String((state.ego?.depth ?? 0) === depth),
              disabled: depth > 0 && !egoCenter,
              dataset: { depth: String(depth) },
              text:
                depth === 0
                  ? t('filters.egoOff')
                  : depth === 1
                    ? t('filters.egoDepth1')
                    : t('filters.egoDepth', { n: depth }),
              on: {
                click: () => store.update({ ego: depth && egoCenter ? { center: egoCenter, depth } : null }),
              },
            }),
          ),
        ),
        h('p', {
          class: 'field__hint',
          text:
            state.ego && graph.hasNode(state.ego.center)
              ? t('filters.egoAround', { name: nodeName(graph.getNodeAttributes(state.ego.center)) })
              : egoCenter
                ? ''
                : t('filters.egoNeedsSelection'),
        }),
      ),
      state.expanded.length
        ? h(
            'p',
            { class: 'field__hint' },
            t('filters.expanded', { n: state.expanded.length }),
            ' ',
            h('button', {
              type: 'button',
              class: 'link',
              text: t('filters.clearExpanded'),
              on: { click: () => store.update({ expanded: [] }) },
            }),
          )
        : null,
      this.count,
      h('button', {
        type: 'button',
        class: 'button',
        text: t('filters.reset'),
        on: { click: () => store.update({ filters: DEFAULT_FILTERS, ego: null, expanded: [] }) },
      }),
    );
    this.renderCount();
  }
}
