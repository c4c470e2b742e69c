/**
 * The overlap view, for planners: a heat map of where separate parts of the plans converge. Four
 * modes: entities × sections (named query `overlaps`; the sections grouped under their plan and year,
 * each plan foldable into one column), entities × years and units × years (`overlaps-by-year`), and
 * units × entities (`unit-overlaps`, when the documents name responsible units). A series and a range
 * of years restrict the plans. Clicking a cell lists the measures behind it with their text and
 * selects the first in the app's store, so the graph view shows the same selection.
 *
 * On a corpus the queries answer top-k with totals (docs/queries.md): a cell counts every measure
 * behind it but lists a share of them, and the answers' graphs hold a few paths per row, so the text
 * of a listed measure the graph lacks is read when its cell is opened (GET /api/measures/:key).
 */
import { corpus } from '../../core/api/corpus';
import { h, mount } from '../../components/dom';
import type { MountedView, ViewContext } from '../types';
import { t } from '../../locales';
import { api, keySegment, request } from '../../core/api/client';
import {
  cellCount,
  cellKey,
  collapseGroups,
  topColumns,
  sectionMatrix,
  unitMatrix,
  yearMatrix,
  type Matrix,
  type MatrixCell,
  type MatrixColumn,
  type MeasureInfo,
} from './matrix';
import { PARTNER_REGIONS, type MeasureDetail } from '../../../../model/api';
import type { Span } from '../../../../model/spans';
import { ANY_PLAN, overlapRequests, type OverlapScope } from '../../../../model/opening';
import { measureTitle } from '../../components/measure-title';
import { planName } from '../../../../model/names';
import { onShownScriptChange, showName } from '../../core/script/convert';

const MODES = ['sections', 'entityYears', 'unitYears', 'units'] as const;
/** Columns a matrix shows: those counting the most measures (a corpus has thousands of sections). */
const MAX_COLUMNS = 60;
type Mode = (typeof MODES)[number];

/** A measure read by itself: what its card shows. */
interface ReadMeasure {
  measure: MeasureInfo;
  /** `${measure}\u0000${entity}` → where the text mentions the entity. */
  mentions: Map<string, Span[]>;
  /** The measure's plan by year and title, for its card's tooltip. */
  plan: string;
}

/** The matrix with its row, column and group names in the content script shown. */
function namesShown(matrix: Matrix): Matrix {
  const named = <T extends { label: string; hint?: string }>(x: T): T => ({
    ...x,
    label: showName(x.label),
    ...(x.hint ? { hint: showName(x.hint) } : {}),
  });
  return {
    ...matrix,
    rows: matrix.rows.map(named),
    columns: matrix.columns.map(named),
    groups: matrix.groups.map(named),
  };
}

/** One measure's card from GET /api/measures/:key; null when it cannot be read (deleted meanwhile). */
async function readMeasure(key: string): Promise<ReadMeasure | null> {
  try {
    const m = await request<MeasureDetail>(`/api/measures/${keySegment(key)}`);
    return {
      measure: {
        key,
        document: m.document.key,
        number: m.number,
        reference: m.reference,
        year: m.document.year ?? undefined,
        text: m.text,
      },
      mentions: new Map(m.mentions.map((e) => [cellKey(key, e.key), e.spans])),
      plan: planName(m.document),
    };
  } catch {
    return null;
  }
}

interface Loaded {
  sections: Matrix;
  sectionRows: Record<string, unknown>[];
  entityYears: Matrix;
  unitYears: Matrix;
  units: Matrix;
  unitRows: Record<string, unknown>[];
}

/** A column as a tooltip names it: a section under its plan (`2020 … › 三、…`), else its label. */
function columnTitle(column: MatrixColumn): string {
  return column.group && column.hint && column.hint !== column.label
    ? `${column.hint} › ${column.label}`
    : column.label;
}

export class OverlapView implements MountedView {
  readonly element = h('section', { class: 'view overlaps', 'aria-label': t('view.overlaps') });
  private mode: Mode = 'sections';
  private data: Loaded | null = null;
  private error: string | null = null;
  private cell: MatrixCell | null = null;
  private loading: Promise<void> | null = null;
  private scope: OverlapScope = ANY_PLAN;
  /** Plans whose sections are folded into one column. */
  private collapsed = new Set<string>();
  private years: number[] = [];
  /** Listed measures the answers' graphs lack, read when their cell is opened; null: unreadable. */
  private read = new Map<string, ReadMeasure | null>();
  private reading = new Set<string>();

  constructor(private readonly ctx: ViewContext) {
    // Documents added or removed: the matrices are read again, now if they are on screen.
    corpus.onChange(() => {
      this.loading = null;
      if (ctx.store.get().view === 'overlaps') this.show();
    });
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang || (state.selected !== previous.selected && state.view === 'overlaps'))
        this.render();
    });
    onShownScriptChange(() => this.render());
    this.render();
  }

  show(): void {
    this.loading ??= this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    this.read.clear();
    this.reading.clear();
    this.render();
    try {
      // One after the other: on a cold database each compiles its plan, which takes time on a small machine.
      const documents = await api.documents();
      this.years = [...new Set(documents.map((d) => d.year).filter((y): y is number => y !== null))].sort();
      const requests = overlapRequests(this.scope);
      const sections = await api.runNamed(requests.sections);
      const entityYears = await api.runNamed(requests.entityYears);
      const unitYears = await api.runNamed(requests.unitYears);
      const units = await api.runNamed(requests.units);
      this.data = {
        sections: sectionMatrix(sections.rows, sections.graph),
        sectionRows: sections.rows,
        entityYears: yearMatrix(entityYears.rows, entityYears.graph, 'entities'),
        unitYears: yearMatrix(unitYears.rows, unitYears.graph, 'units'),
        units: unitMatrix(units.graph),
        unitRows: units.rows,
      };
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.loading = null;
    }
    this.render();
  }

  private render(): void {
    const modes = h(
      'div',
      { class: 'overlaps__modes', role: 'group', 'aria-label': t('overlaps.mode') },
      MODES.map((mode) =>
        h('button', {
          type: 'button',
          class: 'overlaps__mode',
          'aria-pressed': String(this.mode === mode),
          dataset: { mode },
          text: t(`overlaps.mode.${mode}`),
          on: {
            click: () => {
              this.mode = mode;
              this.cell = null;
              this.render();
            },
          },
        }),
      ),
    );
    const bar = h(
      'div',
      { class: 'overlaps__bar' },
      h('h2', { class: 'overlaps__title', text: t('overlaps.title') }),
      modes,
      this.scopeBar(),
      h('p', { class: 'overlaps__hint', text: t('overlaps.hint') }),
    );
    if (this.error)
      return mount(
        this.element,
        bar,
        h(
          'div',
          { class: 'overlaps__empty', role: 'alert' },
          h('p', { text: t('overlaps.failed', { message: this.error }) }),
          h('button', {
            type: 'button',
            class: 'button',
            text: t('status.retry'),
            on: { click: () => (this.loading = this.load()) },
          }),
        ),
      );
    if (!this.data)
      return mount(
        this.element,
        bar,
        h('p', { class: 'overlaps__empty', 'aria-busy': 'true', text: t('status.loading') }),
      );
    const top = topColumns(
      this.mode === 'sections' ? collapseGroups(this.data.sections, this.collapsed) : this.data[this.mode],
      MAX_COLUMNS,
    );
    const { omitted } = top;
    const matrix = namesShown(top.matrix);
    mount(
      this.element,
      bar,
      omitted.columns > 0
        ? h('p', {
            class: 'overlaps__omitted',
            role: 'note',
            text: t('overlaps.omitted', {
              shown: matrix.columns.length,
              columns: (matrix.columns.length + omitted.columns).toLocaleString(),
              measures: omitted.measures.toLocaleString(),
            }),
          })
        : null,
      h(
        'div',
        { class: 'overlaps__body' },
        h('div', { class: 'overlaps__matrix' }, this.matrixTable(matrix)),
        h('aside', { class: 'overlaps__side' }, this.cellDetails(matrix), this.list()),
      ),
    );
  }

  /** The series and the range of years the matrices are read for. */
  private scopeBar(): HTMLElement {
    const change = (patch: Partial<OverlapScope>) => {
      this.scope = { ...this.scope, ...patch };
      this.cell = null;
      this.loading = this.load();
    };
    const yearSelect = (cls: string, value: number | null, set: (y: number | null) => void) =>
      h(
        'select',
        {
          class: cls,
          on: { change: (event) => set(Number((event.target as HTMLSelectElement).value) || null) },
        },
        h('option', { value: '', text: t('overlaps.anyYear') }),
        this.years.map((y) => h('option', { value: String(y), text: String(y), selected: y === value })),
      );
    return h(
      'div',
      { class: 'overlaps__scope' },
      h(
        'label',
        {},
        h('span', { text: t('overlaps.series') }),
        h(
          'select',
          {
            class: 'overlaps__series',
            on: { change: (event) => change({ region: (event.target as HTMLSelectElement).value || null }) },
          },
          h('option', { value: '', text: t('overlaps.anySeries') }),
          PARTNER_REGIONS.map((r) =>
            h('option', { value: r, text: t(`documents.region.${r}`), selected: this.scope.region === r }),
          ),
        ),
      ),
      h(
        'label',
        {},
        h('span', { text: t('overlaps.fromYear') }),
        yearSelect('overlaps__from', this.scope.fromYear, (fromYear) => change({ fromYear })),
      ),
      h(
        'label',
        {},
        h('span', { text: t('overlaps.toYear') }),
        yearSelect('overlaps__to', this.scope.toYear, (toYear) => change({ toYear })),
      ),
    );
  }

  /** Entities × sections: a row of plan headers over the sections, each folding its plan. */
  private groupRow(matrix: Matrix): HTMLElement | null {
    if (this.mode !== 'sections' || !matrix.groups.length) return null;
    return h(
      'tr',
      { class: 'heatmap__groups' },
      h('th', { class: 'heatmap__corner' }),
      matrix.groups.map((group) => {
        const folded = this.collapsed.has(group.id);
        return h(
          'th',
          { class: 'heatmap__group', scope: 'colgroup', colspan: group.columns.length },
          h('button', {
            type: 'button',
            class: 'heatmap__fold',
            'aria-expanded': String(!folded),
            dataset: { group: group.id },
            title: t(folded ? 'overlaps.unfold' : 'overlaps.fold'),
            text: `${folded ? '▸' : '▾'} ${group.label}`,
            on: {
              click: () => {
                if (folded) this.collapsed.delete(group.id);
                else this.collapsed.add(group.id);
                this.cell = null;
                this.render();
              },
            },
          }),
        );
      }),
    );
  }

  private matrixTable(matrix: Matrix): HTMLElement {
    if (!matrix.rows.length)
      return h('p', {
        class: 'overlaps__empty',
        dataset: { empty: this.mode },
        text: t(
          this.mode === 'units' || this.mode === 'unitYears' ? 'overlaps.noneUnits' : 'overlaps.noneSections',
        ),
      });
    const corner = t(`overlaps.corner.${this.mode}`);
    return h(
      'table',
      { class: 'heatmap', dataset: { mode: this.mode } },
      h(
        'thead',
        {},
        this.groupRow(matrix),
        h(
          'tr',
          {},
          h('th', { class: 'heatmap__corner', scope: 'col', text: corner }),
          matrix.columns.map((c) =>
            h(
              'th',
              { class: 'heatmap__col', scope: 'col', title: [c.label, c.hint].filter(Boolean).join(' · ') },
              h('span', { text: c.label }),
            ),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        matrix.rows.map((r) =>
          h(
            'tr',
            {},
            h('th', { class: 'heatmap__row', scope: 'row', title: r.hint, text: r.label }),
            matrix.columns.map((c) => {
              const cell = matrix.cells.get(cellKey(r.id, c.id));
              if (!cell) return h('td', { class: 'heatmap__empty' });
              const n = cellCount(cell);
              const current = this.cell && this.cell.row === cell.row && this.cell.column === cell.column;
              return h(
                'td',
                {},
                h('button', {
                  type: 'button',
                  class: 'heatmap__cell',
                  style: `--heat:${(0.2 + 0.8 * (n / Math.max(1, matrix.max))).toFixed(2)}`,
                  'aria-pressed': String(!!current),
                  title: t('overlaps.cellTitle', { row: r.label, column: columnTitle(c), n }),
                  dataset: { row: r.id, column: c.id, count: String(n) },
                  text: n,
                  on: { click: () => this.selectCell(cell, matrix) },
                }),
              );
            }),
          ),
        ),
      ),
    );
  }

  private selectCell(cell: MatrixCell, matrix: Matrix): void {
    this.cell = cell;
    // What the graph lacks: a measure, or where it mentions the row's entity (when the measure's
    // path came with another row).
    const entity = matrix.mentionOf(cell);
    this.readMissing(
      cell.measures.filter(
        (key) => !matrix.measures.has(key) || (entity && !matrix.mentions.has(cellKey(key, entity))),
      ),
    );
    const first = cell.measures.find((m) => matrix.measures.has(m));
    if (first && this.ctx.store.get().selected !== first) this.ctx.store.update({ selected: first });
    else this.render();
  }

  private cellDetails(matrix: Matrix): HTMLElement {
    if (!this.cell)
      return h(
        'section',
        { class: 'overlaps__selection', dataset: { state: 'empty' } },
        h('p', { class: 'muted', text: t('overlaps.pick') }),
      );
    const cell = this.cell;
    const row = matrix.rows.find((r) => r.id === cell.row)?.label ?? cell.row;
    const column = matrix.columns.find((c) => c.id === cell.column)?.label ?? cell.column;
    const entity = matrix.mentionOf(cell);
    const selected = this.ctx.store.get().selected;
    const unlisted = cellCount(cell) - cell.measures.length;
    return h(
      'section',
      { class: 'overlaps__selection', dataset: { state: 'cell' } },
      h('h3', {
        class: 'details__heading',
        text: t('overlaps.cellHeading', { row, column, n: cellCount(cell) }),
      }),
      cell.measures.map((key) => {
        const known = matrix.measures.get(key);
        const read = this.read.get(key);
        const measure = known ?? read?.measure;
        if (!measure)
          // Being read (or unreadable): a card all the same, so the list counts what the cell does.
          return h(
            'article',
            {
              class: 'measure-card overlaps__measure',
              dataset: { measure: key },
              'aria-busy': this.reading.has(key) ? 'true' : undefined,
            },
            h('p', { class: 'muted', text: key }),
          );
        const at = entity && cellKey(key, entity);
        const spans = at ? (matrix.mentions.get(at) ?? read?.mentions.get(at) ?? []) : [];
        return this.measureCard(measure, spans, key === selected);
      }),
      unlisted > 0 ? h('p', { class: 'muted overlaps__more', text: `… +${unlisted}` }) : null,
    );
  }

  /**
   * Reads the measures a cell lists that the answers' graphs do not hold, or hold without their
   * mention of the row's entity (their paths were left out), each once per load, and shows the cell
   * again when they are in.
   */
  private readMissing(keys: string[]): void {
    const missing = keys.filter((key) => !this.read.has(key) && !this.reading.has(key));
    if (!missing.length) return;
    const answers = this.data;
    for (const key of missing) this.reading.add(key);
    void Promise.all(missing.map(readMeasure)).then((results) => {
      if (this.data !== answers) return; // read again meanwhile
      missing.forEach((key, i) => {
        this.read.set(key, results[i] ?? null);
        this.reading.delete(key);
      });
      this.render();
    });
  }

  /** A measure's plan as its card's tooltip says it: year and title, never the plan's key. */
  private planTitle(measure: MeasureInfo): string {
    const group = this.data?.sections.groups.find((g) => g.id === measure.document);
    const read = this.read.get(measure.key);
    return showName(group?.label ?? read?.plan ?? planName({ title: '', year: measure.year ?? null }));
  }

  private measureCard(shown: MeasureInfo, spans: [number, number][], current: boolean): HTMLElement {
    // In the script shown, kept to its length (core/script/convert.ts), so the spans still fit.
    const measure = { ...shown, text: showName(shown.text) };
    const parts: (Node | string)[] = [];
    let at = 0;
    for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
      if (start < at || end > measure.text.length) continue;
      parts.push(
        measure.text.slice(at, start),
        h('mark', { class: 'mention mention--focus', text: measure.text.slice(start, end) }),
      );
      at = end;
    }
    parts.push(measure.text.slice(at));
    return h(
      'article',
      {
        class: `measure-card overlaps__measure${current ? ' measure-card--main' : ''}`,
        dataset: { measure: measure.key, measureNumber: measure.number },
        'aria-current': current ? 'true' : undefined,
      },
      h(
        'div',
        { class: 'overlaps__measure-head' },
        h('button', {
          type: 'button',
          class: 'measure-card__number',
          title: this.planTitle(measure),
          text: measureTitle(measure),
          on: { click: () => this.ctx.store.update({ selected: measure.key }) },
        }),
        h('button', {
          type: 'button',
          class: 'button button--small',
          dataset: { action: 'show-in-graph' },
          text: t('overlaps.showInGraph'),
          on: { click: () => this.ctx.store.update({ selected: measure.key, view: 'graph' }) },
        }),
      ),
      h('p', { class: 'overlaps__text' }, parts),
    );
  }

  private list(): HTMLElement {
    if (!this.data) return h('div');
    if (this.mode === 'entityYears' || this.mode === 'unitYears')
      return h(
        'section',
        { class: 'overlaps__list' },
        h('h3', { class: 'details__heading', text: t('overlaps.listYears') }),
        h(
          'ol',
          {},
          this.data[this.mode].rows.map((row) => {
            const cells = [...this.data![this.mode as 'entityYears'].cells.values()].filter(
              (c) => c.row === row.id,
            );
            return h('li', {
              text: t('overlaps.listYearsItem', {
                name: row.label,
                years: cells.map((c) => c.column).join('、'),
                n: cells.reduce((n, c) => n + cellCount(c), 0),
              }),
            });
          }),
        ),
      );
    if (this.mode === 'sections')
      return h(
        'section',
        { class: 'overlaps__list' },
        h('h3', { class: 'details__heading', text: t('overlaps.listSections') }),
        h(
          'ol',
          {},
          this.data.sectionRows.map((row) =>
            h('li', {
              text: t('overlaps.listSectionsItem', {
                entity: String(row.entity),
                sides: Number(row.sideCount),
                n: Number(row.measureCount),
              }),
            }),
          ),
        ),
      );
    return h(
      'section',
      { class: 'overlaps__list' },
      h('h3', { class: 'details__heading', text: t('overlaps.listUnits') }),
      this.data.unitRows.length
        ? h(
            'ol',
            {},
            this.data.unitRows.map((row) =>
              h('li', {
                text: t('overlaps.listUnitsItem', {
                  a: String(row.unit1),
                  b: String(row.unit2),
                  measures: Number(row.sharedMeasures),
                  entities: Number(row.sharedEntities),
                }),
              }),
            ),
          )
        : h('p', { class: 'muted', text: t('overlaps.noneUnits') }),
    );
  }
}
