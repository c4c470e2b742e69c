/**
 * The Cypher console, for analysts: an editor (highlighting, completion of labels and relationship
 * types), the named queries of /api/queries with a form for their parameters, Run (Ctrl-Enter),
 * results as a table or a graph, the API's error inline, and a history kept in localStorage. The
 * editor's query is in the URL (`q`) once run, so a link reproduces it (and runs it); so is the named
 * query chosen, with its form's values (`nq`, `p.<name>`) and, once run, `run`: a link selects it,
 * fills the form (values that do not fit keep their defaults) and runs it if it was run.
 */
import type { EditorView } from 'codemirror';
import { h, mount } from '../../components/dom';
import { NODE_LABELS, REL_TYPES } from '../../core/graph/schema';
import type { NamedQueryState } from '../../core/state/types';
import { t } from '../../locales';
import type { MountedView, ViewContext } from '../types';
import {
  api,
  ApiFailure,
  type NamedQuery,
  type QueryParameter as QueryParam,
  type ReadResult as QueryResult,
} from '../../core/api/client';
import { createEditor, type CypherSchema } from './editor';
import { addHistory, readHistory, type HistoryEntry } from './history';
import { ResultGraph } from './ResultGraph';
import { formatValue } from './format';
import { valuesFromLink, type FormValue } from './params';

type ResultMode = 'table' | 'graph';

const DEFAULT_QUERY = 'MATCH (p:Port) RETURN p.name AS name LIMIT 5';

export class CypherConsole implements MountedView {
  readonly element = h('section', { class: 'view cypher', 'aria-label': t('view.cypher') });
  private readonly editorHost = h('div', { class: 'cypher__editor' });
  private readonly side = h('div', { class: 'cypher__side' });
  private readonly toolbar = h('div', { class: 'cypher__toolbar' });
  private readonly error = h('div', { class: 'cypher__error', role: 'alert', hidden: true });
  private readonly summary = h('p', { class: 'cypher__summary muted' });
  private readonly tabs = h('div', { class: 'cypher__tabs', role: 'tablist' });
  private readonly table = h('div', { class: 'cypher__table' });
  private readonly graphBox = h('div', { class: 'cypher__graph' });
  private readonly graph = new ResultGraph(this.graphBox);
  private readonly editor: EditorView;
  private schema: CypherSchema = {
    labels: [...NODE_LABELS],
    relationshipTypes: [...REL_TYPES],
    propertyKeys: [],
  };
  private queries: NamedQuery[] = [];
  private queriesError: string | null = null;
  private chosen: NamedQuery | null = null;
  private form: HTMLFormElement | null = null;
  private result: QueryResult | null = null;
  private resultMode: ResultMode = 'table';
  private running: AbortController | null = null;
  private started = false;
  /** The named-query state this console wrote or applied last (anything else came from Back/Forward). */
  private namedState: NamedQueryState | undefined;
  /** What a link's named query could not do: a query that does not exist, values that did not fit. */
  private namedNotice: string | null = null;

  constructor(private readonly ctx: ViewContext) {
    this.editor = createEditor({
      parent: this.editorHost,
      doc: ctx.store.get().query ?? DEFAULT_QUERY,
      placeholder: t('cypher.placeholder'),
      schema: () => this.schema,
      run: () => void this.runEditor(),
    });
    mount(
      this.element,
      this.side,
      h(
        'div',
        { class: 'cypher__main' },
        this.editorHost,
        this.toolbar,
        this.error,
        h(
          'div',
          { class: 'cypher__results' },
          h('div', { class: 'cypher__results-bar' }, this.tabs, this.summary),
          this.table,
          this.graphBox,
        ),
      ),
    );
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) this.render();
      // Back/Forward to another query: show it.
      if (state.query !== previous.query && state.query && state.query !== this.text())
        this.setText(state.query);
      // … or to another named query or other values: select and fill it (without running).
      if (state.named !== previous.named && state.named !== this.namedState && this.queries.length)
        this.applyNamed(state.named, false);
    });
    this.render();
  }

  show(): void {
    if (this.started) return;
    this.started = true;
    void this.loadQueries();
    void this.loadSchema();
    // A link's run: the named query's when it has one (run once the queries are listed), else `q`'s.
    const { query, named } = this.ctx.store.get();
    if (query && !named?.run) void this.runEditor();
    this.editor.focus();
  }

  private text(): string {
    return this.editor.state.doc.toString();
  }

  private setText(text: string): void {
    this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: text } });
  }

  private async loadQueries(): Promise<void> {
    try {
      this.queries = await api.queries();
      this.queriesError = null;
    } catch (error) {
      this.queriesError = error instanceof Error ? error.message : String(error);
    }
    this.renderSide();
    if (!this.queriesError) this.applyNamed(this.ctx.store.get().named, true);
  }

  /** A named query from the URL: selected, its form filled; run when the link says it was run. */
  private applyNamed(named: NamedQueryState | undefined, allowRun: boolean): void {
    this.namedState = named;
    this.namedNotice = null;
    this.chosen = named ? (this.queries.find((q) => q.name === named.name) ?? null) : null;
    this.form = null;
    if (named && !this.chosen) this.namedNotice = t('cypher.namedMissing', { name: named.name });
    this.renderSide();
    // renderSide made the form (TypeScript still sees the null above).
    const form = this.form as HTMLFormElement | null;
    if (!named || !this.chosen || !form) return;
    const { values, ignored } = valuesFromLink(this.chosen.parameters, named.params);
    fillForm(form, values);
    if (ignored.length) {
      this.namedNotice = t('cypher.namedIgnored', { names: ignored.join(', ') });
      this.renderSide();
    }
    if (allowRun && named.run && form.checkValidity()) void this.runNamed();
  }

  /** The chosen named query and its form's values into the store (and so the URL). */
  private writeNamed(run: boolean): void {
    const named =
      this.chosen && this.form
        ? { name: this.chosen.name, params: formText(this.form, this.chosen.parameters), run }
        : undefined;
    this.namedState = named;
    this.ctx.store.update({ named });
  }

  /** Labels, relationship types and property keys of the database, for completion. */
  private async loadSchema(): Promise<void> {
    const list = async (call: string, column: string) =>
      (await api.cypher(`CALL ${call} YIELD ${column} RETURN ${column} ORDER BY ${column}`)).rows.map((r) =>
        String(r[column]),
      );
    const [labels, types, keys] = await Promise.allSettled([
      list('db.labels()', 'label'),
      list('db.relationshipTypes()', 'relationshipType'),
      list('db.propertyKeys()', 'propertyKey'),
    ]);
    this.schema = {
      labels: labels.status === 'fulfilled' && labels.value.length ? labels.value : this.schema.labels,
      relationshipTypes:
        types.status === 'fulfilled' && types.value.length ? types.value : this.schema.relationshipTypes,
      propertyKeys: keys.status === 'fulfilled' ? keys.value : this.schema.propertyKeys,
    };
  }

  private async runEditor(): Promise<void> {
    const query = this.text().trim();
    if (!query) return;
    // The editor's run is the one a link repeats now.
    const named = this.ctx.store.get().named;
    if (named?.run) this.namedState = { ...named, run: false };
    this.ctx.store.update(named?.run ? { query, named: this.namedState } : { query });
    addHistory({ kind: 'cypher', query });
    await this.execute((signal) => api.cypher(query, {}, signal));
  }

  private async runNamed(): Promise<void> {
    if (!this.chosen || !this.form) return;
    if (!this.form.reportValidity()) return;
    const params = readParams(this.form, this.chosen.parameters);
    this.writeNamed(true);
    addHistory({ kind: 'named', name: this.chosen.name, params });
    const name = this.chosen.name;
    await this.execute((signal) => api.runQuery(name, params, signal));
  }

  private async execute(run: (signal: AbortSignal) => Promise<QueryResult>): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    this.showError(null);
    this.element.setAttribute('aria-busy', 'true');
    this.summary.textContent = t('cypher.running');
    try {
      const result = await run(controller.signal);
      if (controller.signal.aborted) return;
      this.result = result;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.result = null;
      this.showError(error);
    } finally {
      if (this.running === controller) {
        this.running = null;
        this.element.setAttribute('aria-busy', 'false');
      }
    }
    this.renderSide();
    this.renderResult();
  }

  private showError(error: unknown): void {
    if (error === null) {
      this.error.hidden = true;
      this.error.replaceChildren();
      return;
    }
    const code = error instanceof ApiFailure ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    this.error.hidden = false;
    this.error.dataset.code = code ?? '';
    mount(
      this.error,
      h('strong', {
        text:
          code === 'READ_ONLY'
            ? t('cypher.refused')
            : code === 'QUERY_TIMEOUT'
              ? t('cypher.timeout')
              : t('cypher.failed'),
      }),
      code ? h('code', { class: 'cypher__code', text: code }) : null,
      h('pre', { class: 'cypher__message', text: message }),
    );
  }

  private render(): void {
    mount(
      this.toolbar,
      h('button', {
        type: 'button',
        class: 'button button--primary',
        dataset: { action: 'run' },
        text: t('cypher.run'),
        title: t('cypher.runHint'),
        on: { click: () => void this.runEditor() },
      }),
      h('span', { class: 'muted cypher__hint', text: t('cypher.runHint') }),
    );
    this.renderSide();
    this.renderResult();
  }

  private renderSide(): void {
    const select = h(
      'select',
      {
        class: 'cypher__named',
        dataset: { action: 'named' },
        'aria-label': t('cypher.named'),
        on: {
          change: (event) => {
            const name = (event.target as HTMLSelectElement).value;
            this.chosen = this.queries.find((q) => q.name === name) ?? null;
            this.form = null;
            this.namedNotice = null;
            this.renderSide();
            this.writeNamed(false);
          },
        },
      },
      h('option', { value: '', text: t('cypher.namedPick') }),
      this.queries.map((q) =>
        h('option', { value: q.name, selected: q.name === this.chosen?.name, text: q.name }),
      ),
    );
    if (this.chosen && !this.form) {
      this.form = paramForm(this.chosen, () => void this.runNamed());
      // Every edit goes into the URL; a link to edited values no longer runs them by itself.
      this.form.addEventListener('input', () => this.writeNamed(false));
      this.form.addEventListener('change', () => this.writeNamed(false));
    }
    mount(
      this.side,
      h('h2', { class: 'cypher__heading', text: t('cypher.named') }),
      this.queriesError
        ? h('p', {
            class: 'cypher__side-error',
            role: 'alert',
            text: t('cypher.namedFailed', { message: this.queriesError }),
          })
        : select,
      this.namedNotice
        ? h('p', {
            class: 'cypher__notice',
            role: 'status',
            dataset: { notice: 'named' },
            text: this.namedNotice,
          })
        : null,
      this.chosen ? h('p', { class: 'cypher__description muted', text: this.chosen.description }) : null,
      this.form,
      h('h2', { class: 'cypher__heading', text: t('cypher.history') }),
      this.historyList(),
    );
  }

  private historyList(): HTMLElement {
    const entries = readHistory();
    if (!entries.length) return h('p', { class: 'muted', text: t('cypher.historyEmpty') });
    return h(
      'ol',
      { class: 'cypher__history' },
      entries.map((entry) =>
        h(
          'li',
          {},
          h('button', {
            type: 'button',
            class: 'cypher__history-item',
            title: t('cypher.recall'),
            dataset: { history: entry.kind },
            text: entry.kind === 'cypher' ? entry.query : `${entry.name} ${JSON.stringify(entry.params)}`,
            on: { click: () => this.recall(entry) },
          }),
        ),
      ),
    );
  }

  private recall(entry: HistoryEntry): void {
    if (entry.kind === 'cypher') {
      this.setText(entry.query);
      this.editor.focus();
      return;
    }
    this.chosen = this.queries.find((q) => q.name === entry.name) ?? null;
    this.form = null;
    this.namedNotice = null;
    this.renderSide();
    if (!this.form) return;
    fillForm(this.form, entry.params);
    this.writeNamed(false);
  }

  private renderResult(): void {
    mount(
      this.tabs,
      (['table', 'graph'] as ResultMode[]).map((mode) =>
        h('button', {
          type: 'button',
          role: 'tab',
          class: 'tabs__tab',
          'aria-selected': String(this.resultMode === mode),
          dataset: { result: mode },
          text: t(mode === 'table' ? 'cypher.table' : 'cypher.graph'),
          on: {
            click: () => {
              this.resultMode = mode;
              this.renderResult();
            },
          },
        }),
      ),
    );
    const result = this.result;
    this.summary.textContent = result
      ? t(result.summary.truncated ? 'cypher.summaryTruncated' : 'cypher.summary', {
          rows: result.rows.length,
          nodes: result.graph?.nodes?.length ?? 0,
          ms: result.summary.elapsedMs ?? 0,
        })
      : '';
    this.table.hidden = this.resultMode !== 'table';
    this.graphBox.hidden = this.resultMode !== 'graph';
    if (!result) {
      this.graph.kill();
      mount(this.table, h('p', { class: 'muted', text: t('cypher.noResult') }));
      return;
    }
    if (this.resultMode === 'table') {
      this.graph.kill();
      mount(this.table, resultTable(result));
      return;
    }
    mount(this.graphBox);
    // The box is visible now: sigma measures it on creation.
    if (!this.graph.draw(result.graph))
      mount(this.graphBox, h('p', { class: 'muted cypher__graph-empty', text: t('cypher.noGraph') }));
  }
}

function resultTable(result: QueryResult): HTMLElement {
  if (!result.rows.length)
    return h('p', { class: 'muted', dataset: { empty: 'rows' }, text: t('cypher.noRows') });
  return h(
    'table',
    { class: 'result-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        result.columns.map((c) => h('th', { scope: 'col', text: c })),
      ),
    ),
    h(
      'tbody',
      {},
      result.rows.map((row) =>
        h(
          'tr',
          {},
          result.columns.map((c) => h('td', { text: formatValue(row[c]) })),
        ),
      ),
    ),
  );
}

/** A form with one typed input per parameter of a named query. */
function paramForm(query: NamedQuery, submit: () => void): HTMLFormElement {
  const example = query.example ?? {};
  return h(
    'form',
    {
      class: 'cypher__form',
      dataset: { query: query.name },
      on: {
        submit: (event) => {
          event.preventDefault();
          submit();
        },
      },
    },
    query.parameters.map((param) => {
      const initial =
        param.default !== undefined && param.default !== null
          ? param.default
          : param.required
            ? example[param.name]
            : undefined;
      return h(
        'label',
        { class: 'cypher__param', title: param.description },
        h('span', { class: 'cypher__param-name', text: `${param.name}${param.required ? ' *' : ''}` }),
        paramInput(param, initial, example[param.name]),
        param.description ? h('small', { class: 'muted', text: param.description }) : null,
      );
    }),
    h('button', {
      type: 'submit',
      class: 'button button--primary',
      dataset: { action: 'run-named' },
      text: t('cypher.runNamed'),
    }),
  );
}

function paramInput(param: QueryParam, initial: unknown, example: unknown): HTMLElement {
  const common = { name: param.name, dataset: { param: param.name, type: param.type } };
  if (param.type === 'boolean') return h('input', { ...common, type: 'checkbox', checked: initial === true });
  if (param.values?.length)
    return h(
      'select',
      common,
      param.required ? null : h('option', { value: '', text: '—' }),
      param.values.map((v) => h('option', { value: v, selected: v === initial, text: v })),
    );
  if (param.type === 'integer' || param.type === 'float')
    return h('input', {
      ...common,
      type: 'number',
      step: param.type === 'integer' ? '1' : 'any',
      min: param.min,
      max: param.max,
      required: param.required,
      value: initial === undefined || initial === null ? undefined : String(initial),
    });
  return h('input', {
    ...common,
    type: 'text',
    required: param.required,
    placeholder: example === undefined || example === null ? undefined : String(example),
    value: initial === undefined || initial === null ? undefined : String(initial),
  });
}

/** Puts values into a parameter form: checkboxes take booleans, other inputs text. */
function fillForm(form: HTMLFormElement, values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = value === true;
    else if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement)
      input.value = String(value ?? '');
  }
}

/** The form's values as the URL holds them: text, checkboxes `true`/`false`, empty fields left out. */
function formText(form: HTMLFormElement, params: QueryParam[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const param of params) {
    const input = form.elements.namedItem(param.name);
    let value: FormValue | undefined;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') value = input.checked;
    else if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) value = input.value;
    if (value !== undefined && value !== '') values[param.name] = String(value);
  }
  return values;
}

/** The form's values, typed; empty optional fields are left out (the server applies the default). */
export function readParams(form: HTMLFormElement, params: QueryParam[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const param of params) {
    const input = form.elements.namedItem(param.name);
    if (input instanceof HTMLInputElement && input.type === 'checkbox') {
      values[param.name] = input.checked;
      continue;
    }
    if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) continue;
    const raw = input.value.trim();
    if (!raw) continue;
    values[param.name] = param.type === 'integer' || param.type === 'float' ? Number(raw) : raw;
  }
  return values;
}
