/**
 * The Measures view (`?view=measures`): every measure of the corpus as a table (plan, year,
 * reference, section path, text, entities, units, actions, lineage), filtered, sorted and paged by
 * the server (GET /api/measures), so tens of thousands of rows stay quick; a CSV of what the filters
 * chose; a row's reference opens it in the graph. The graph's "Show in measures table" opens it on
 * one node's measures (state `measuresOf`, `of=` in the URL), until "All measures" clears that. A real table with headers, sort state and a live
 * count serves screen readers; on a phone each row reads as a card.
 */
import { h, mount } from '../../components/dom';
import { lineageBadge } from '../../components/lineage';
import { api, type MeasureListQuery, type MeasureListResponse } from '../../core/api/client';
import { corpus } from '../../core/api/corpus';
import { t } from '../../locales';
import type { MountedView, ViewContext } from '../types';
import { LINEAGE_KINDS, type MeasureSort } from '../../../../model/api';
import { planName } from '../../../../model/names';
import { currentScript, onShownScriptChange, showMeasureText, showName } from '../../core/script/convert';
import { MEASURES_OPENING, MEASURES_PAGE } from '../../../../model/opening';

const PAGE = MEASURES_PAGE;
const COLUMNS: { id: string; sort?: MeasureSort }[] = [
  { id: 'document', sort: 'document' },
  { id: 'year', sort: 'year' },
  { id: 'reference', sort: 'reference' },
  { id: 'sections' },
  { id: 'text', sort: 'text' },
  { id: 'entities', sort: 'entities' },
  { id: 'units' },
  { id: 'actions' },
  { id: 'lineage', sort: 'lineage' },
];
const LINEAGE_FILTERS = ['', ...LINEAGE_KINDS, 'new', 'dropped'] as const;

export class MeasuresView implements MountedView {
  readonly element: HTMLElement;
  private query: MeasureListQuery & { sort: MeasureSort; order: 'asc' | 'desc'; offset: number } = {
    ...MEASURES_OPENING,
  };
  private result: MeasureListResponse | null = null;
  private error: string | null = null;
  private pending: AbortController | null = null;
  private readonly search = h('input', {
    type: 'search',
    class: 'measures__search',
    'aria-label': '',
  });
  private readonly documentSelect = h('select', { class: 'measures__document' });
  private readonly lineageSelect = h('select', { class: 'measures__lineage' });
  private readonly status = h('p', { class: 'measures__status', role: 'status', 'aria-live': 'polite' });
  private readonly table = h('div', { class: 'measures__table' });
  private readonly pager = h('div', { class: 'measures__pager' });
  private readonly csv = h('a', { class: 'measures__csv button-link', download: 'measures.csv' });
  private readonly heading = h('h2', { class: 'measures__title' });
  private readonly labels = {
    search: h('label', { class: 'measures__label' }),
    document: h('label', { class: 'measures__label' }),
    lineage: h('label', { class: 'measures__label' }),
  };
  private typing: ReturnType<typeof setTimeout> | null = null;
  /** Which node's measures the table shows, and the way back to all of them. */
  private readonly of = h('p', { class: 'measures__of', role: 'status', hidden: true });

  constructor(private readonly ctx: ViewContext) {
    this.query.node = ctx.store.get().measuresOf;
    this.search.addEventListener('input', () => {
      if (this.typing) clearTimeout(this.typing);
      this.typing = setTimeout(() => this.update({ q: this.search.value.trim() || undefined }), 250);
    });
    this.documentSelect.addEventListener('change', () =>
      this.update({ document: this.documentSelect.value || undefined }),
    );
    this.lineageSelect.addEventListener('change', () =>
      this.update({ lineage: (this.lineageSelect.value || undefined) as MeasureListQuery['lineage'] }),
    );
    this.labels.search.append(this.search);
    this.labels.document.append(this.documentSelect);
    this.labels.lineage.append(this.lineageSelect);
    this.element = h(
      'section',
      { class: 'measures', 'aria-labelledby': 'measures-title' },
      this.heading,
      h(
        'div',
        { class: 'measures__filters' },
        this.labels.search,
        this.labels.document,
        this.labels.lineage,
        this.csv,
      ),
      this.of,
      this.status,
      this.table,
      this.pager,
    );
    this.heading.id = 'measures-title';
    corpus.onChange(() => void this.load());
    ctx.store.subscribe((state, previous) => {
      if (state.measuresOf !== previous.measuresOf) this.update({ node: state.measuresOf });
      else if (state.lang !== previous.lang) this.render();
    });
    onShownScriptChange(() => this.render());
    void this.load();
  }

  show(): void {
    void this.load();
  }

  private update(change: Partial<MeasureListQuery>): void {
    this.query = { ...this.query, ...change, offset: change.offset ?? 0 };
    void this.load();
  }

  private async load(): Promise<void> {
    this.pending?.abort();
    const pending = new AbortController();
    this.pending = pending;
    try {
      this.result = await api.measures(this.query, pending.signal);
      this.error = null;
    } catch (error) {
      if (pending.signal.aborted) return;
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.render();
  }

  private render(): void {
    this.heading.textContent = t('measures.title');
    this.setLabel(this.labels.search, t('measures.search'));
    this.search.placeholder = t('measures.search');
    this.setLabel(this.labels.document, t('measures.document'));
    this.setLabel(this.labels.lineage, t('measures.lineage'));
    this.csv.textContent = t('measures.csv');
    this.of.hidden = !this.query.node;
    if (this.query.node)
      mount(
        this.of,
        t('measures.of', { name: this.query.node }),
        ' ',
        h('button', {
          type: 'button',
          class: 'link-button measures__all',
          text: t('measures.all'),
          on: { click: () => this.ctx.store.update({ measuresOf: undefined }) },
        }),
      );
    this.csv.href = api.measuresCsvUrl(this.query, currentScript());
    const documents = this.result?.documents ?? [];
    mount(
      this.documentSelect,
      h('option', { value: '', text: t('measures.anyDocument') }),
      documents.map((d) =>
        h('option', {
          value: d.key,
          text: showName(planName(d)),
          selected: this.query.document === d.key,
        }),
      ),
    );
    mount(
      this.lineageSelect,
      LINEAGE_FILTERS.map((value) =>
        h('option', {
          value,
          text: value ? t(`lineage.${value}`) : t('measures.anyLineage'),
          selected: (this.query.lineage ?? '') === value,
        }),
      ),
    );
    if (this.error) {
      this.status.textContent = this.error;
      this.status.setAttribute('role', 'alert');
      mount(this.table);
      mount(this.pager);
      return;
    }
    this.status.setAttribute('role', 'status');
    const result = this.result;
    if (!result) return;
    const from = result.total ? result.offset + 1 : 0;
    const to = result.offset + result.rows.length;
    this.status.textContent = result.total
      ? t('measures.count', { from, to, total: result.total })
      : t('measures.none');
    mount(
      this.table,
      h(
        'table',
        { class: 'measure-table' },
        h('caption', { class: 'visually-hidden', text: t('measures.title') }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            COLUMNS.map((column) => this.header(column)),
          ),
        ),
        h(
          'tbody',
          {},
          result.rows.map((row) =>
            h(
              'tr',
              { dataset: { key: row.key } },
              this.cell('document', showName(row.document.title) || row.document.key),
              this.cell('year', row.document.year ?? ''),
              h(
                'td',
                { dataset: { label: t('measures.col.reference') } },
                h('button', {
                  type: 'button',
                  class: 'link-button measure-table__open',
                  text: row.reference,
                  title: t('measures.open', { ref: row.reference }),
                  on: { click: () => this.ctx.store.update({ view: 'graph', selected: row.key }) },
                }),
              ),
              this.cell('sections', row.sections.map(showName).join(' › ')),
              this.cell(
                'text',
                showMeasureText(row.text, row.textAlt, row.document.script),
                'measure-table__text',
              ),
              this.cell('entities', row.entities.map(showName).join('、')),
              this.cell('units', row.units.map(showName).join('、')),
              this.cell('actions', row.actions.join('、')),
              h(
                'td',
                { dataset: { label: t('measures.col.lineage') } },
                lineageBadge(row.lineage, row.dropped),
              ),
            ),
          ),
        ),
      ),
    );
    mount(
      this.pager,
      h('button', {
        type: 'button',
        class: 'measures__previous',
        text: t('measures.previous'),
        disabled: result.offset === 0,
        on: { click: () => this.update({ offset: Math.max(0, result.offset - PAGE) }) },
      }),
      h('button', {
        type: 'button',
        class: 'measures__next',
        text: t('measures.next'),
        disabled: to >= result.total,
        on: { click: () => this.update({ offset: result.offset + PAGE }) },
      }),
    );
  }

  private setLabel(label: HTMLLabelElement, text: string): void {
    const control = label.lastElementChild!;
    label.replaceChildren(h('span', { text }), control);
  }

  private header(column: { id: string; sort?: MeasureSort }): HTMLTableCellElement {
    const label = t(`measures.col.${column.id}` as never);
    if (!column.sort) return h('th', { scope: 'col', text: label });
    const active = this.query.sort === column.sort;
    const order = active ? this.query.order : undefined;
    return h(
      'th',
      { scope: 'col', 'aria-sort': order ? (order === 'asc' ? 'ascending' : 'descending') : 'none' },
      h('button', {
        type: 'button',
        class: `measure-table__sort${active ? ' measure-table__sort--active' : ''}`,
        dataset: { sort: column.sort },
        text: `${label}${order ? (order === 'asc' ? ' ▲' : ' ▼') : ''}`,
        on: {
          click: () =>
            this.update({
              sort: column.sort!,
              order: active && this.query.order === 'asc' ? 'desc' : 'asc',
            } as Partial<MeasureListQuery>),
        },
      }),
    );
  }

  private cell(column: string, text: string | number, className?: string): HTMLTableCellElement {
    return h('td', { class: className, text, dataset: { label: t(`measures.col.${column}` as never) } });
  }
}
