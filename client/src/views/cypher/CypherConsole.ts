/**
 * The Cypher console, for analysts: an editor (highlighting, completion of labels and relationship
 * types), the named queries of /api/queries with a form for their parameters, Run (Ctrl-Enter),
 * Explain and Profile, and the results as a stream of frames (newest on top, at most MAX_FRAMES), each
 * a table, a graph or a plan with its exports (frame.ts), and a history kept in localStorage.
 *
 * A named query chosen from the menu puts its Cypher in the editor. Run as it is, it runs as the named
 * query (POST /api/queries/:name); edited, it runs as the analyst's own Cypher (POST /api/cypher,
 * through the same read-only guard as any other), with the values of the form for the parameters
 * the text uses.
 *
 * The editor's query is in the URL (`q`) once run, so a link reproduces it (and runs it); so is the
 * named query chosen, with its form's values (`nq`, `p.<name>`) and, once run, `run`: a link selects
 * it, fills the form (values that do not fit keep their defaults) and runs it if it was run. A link
 * with both `q` and `nq` is an edited copy: the editor shows `q`, run with the form's values.
 */
import { closeCompletion } from '@codemirror/autocomplete';
import type { EditorView } from 'codemirror';
import { h, mount } from '../../components/dom';
import { NODE_LABELS, REL_TYPES } from '../../core/graph/schema';
import type { NamedQueryState } from '../../core/state/types';
import { currentLocale, t } from '../../locales';
import { paramHelp, queryDescription, queryTitle } from '../../locales/queries';
import type { MountedView, ViewContext } from '../types';
import { api, type NamedQuery, type QueryParameter as QueryParam } from '../../core/api/client';
import { createEditor, type CypherSchema } from './editor';
import { ResultFrame, type FrameHost, type FrameSource, type ResultMode } from './frame';
import { addHistory, readHistory, type HistoryEntry } from './history';
import { valuesFromLink, type FormValue } from './params';
import './console.css';

const DEFAULT_QUERY = 'MATCH (p:Port) RETURN p.name AS name LIMIT 5';

/** Frames kept in the stream; older ones are dropped. */
export const MAX_FRAMES = 20;
/** Result graphs drawn at once (each is a WebGL context; browsers allow about 16 per page). */
export const MAX_LIVE_GRAPHS = 4;

/** `EXPLAIN`/`PROFILE` at the start of a query, after comments and blank lines. */
const MODE_PREFIX = /^((?:\s|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*)(EXPLAIN|PROFILE)\b\s*/i;

/** The query with `prefix` (EXPLAIN or PROFILE) in front, in place of one it had. */
export function withMode(query: string, prefix: 'EXPLAIN' | 'PROFILE'): string {
  const match = MODE_PREFIX.exec(query);
  const body = match ? query.slice(0, match[1]!.length) + query.slice(match[0].length) : query;
  return `${prefix} ${body.trim()}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class CypherConsole implements MountedView, FrameHost {
  readonly element = h('section', { class: 'view cypher', 'aria-label': t('view.cypher') });
  private readonly editorHost = h('div', { class: 'cypher__editor' });
  private readonly side = h('div', { class: 'cypher__side' });
  private readonly toolbar = h('div', { class: 'cypher__toolbar' });
  private readonly stream = h('div', { class: 'cypher__frames', 'aria-label': t('cypher.results') });
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
  /** Newest first. */
  private frames: ResultFrame[] = [];
  /** Frames whose graph is drawn, least recently shown first. */
  private liveGraphs: ResultFrame[] = [];
  /** The tab new frames open on: the one last chosen. */
  private resultMode: ResultMode = 'table';
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
      h('div', { class: 'cypher__main' }, this.editorHost, this.toolbar, this.stream),
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
    // A link's run: with a named query, once the queries are listed (its form gives the values).
    const { query, named } = this.ctx.store.get();
    if (query && !named) void this.runEditor();
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
    else {
      // The named query of a link cannot be had: its `q`, if any, still runs.
      const { query, named } = this.ctx.store.get();
      if (query && named) void this.runEditor();
    }
  }

  /**
   * A named query from the URL: selected, its form filled, its Cypher in the editor (unless the link
   * has an edited copy in `q`); run when the link says it was run, or its `q` is to be run.
   */
  private applyNamed(named: NamedQueryState | undefined, allowRun: boolean): void {
    this.namedState = named;
    this.namedNotice = null;
    this.chosen = named ? (this.queries.find((q) => q.name === named.name) ?? null) : null;
    this.form = null;
    if (named && !this.chosen) this.namedNotice = t('cypher.namedMissing', { name: named.name });
    this.renderSide();
    const query = this.ctx.store.get().query;
    // renderSide made the form (TypeScript still sees the null above).
    const form = this.form as HTMLFormElement | null;
    if (!named || !this.chosen || !form) {
      if (allowRun && named && query) void this.runEditor();
      return;
    }
    if (!query) this.setText(this.chosen.cypher);
    const { values, ignored } = valuesFromLink(this.chosen.parameters, named.params);
    fillForm(form, values);
    if (ignored.length) {
      this.namedNotice = t('cypher.namedIgnored', { names: ignored.join(', ') });
      this.renderSide();
    }
    if (!allowRun || !form.checkValidity()) return;
    if (named.run) void this.runNamed();
    else if (query) void this.runEditor();
  }

  /** The chosen named query and its form's values into the store (and so the URL). */
  private writeNamed(run: boolean, query?: string): void {
    const named =
      this.chosen && this.form
        ? { name: this.chosen.name, params: formText(this.form, this.chosen.parameters), run }
        : undefined;
    this.namedState = named;
    this.ctx.store.update({ named, query });
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

  /**
   * Runs the editor's text (with EXPLAIN or PROFILE in front when asked). The chosen named query's
   * Cypher unchanged runs as that named query; anything else runs as ad-hoc Cypher, with the form's
   * values for the parameters of the named query that the text uses.
   */
  private async runEditor(prefix?: 'EXPLAIN' | 'PROFILE'): Promise<void> {
    closeCompletion(this.editor);
    const text = this.text().trim();
    if (!text) return;
    const chosen = this.chosen;
    if (!prefix && chosen && this.form && text === chosen.cypher.trim()) return this.runNamed();
    const params = chosen && this.form ? usedParams(text, this.form, chosen.parameters) : {};
    if (params === null) return;
    // The editor's run is the one a link repeats now.
    if (chosen && this.form) this.writeNamed(false, text);
    else this.ctx.store.update({ query: text });
    const query = prefix ? withMode(text, prefix) : text;
    addHistory({ kind: 'cypher', query });
    this.renderSide();
    await this.open({ kind: 'cypher', query, params });
  }

  private async runNamed(): Promise<void> {
    if (!this.chosen || !this.form) return;
    if (!this.form.reportValidity()) return;
    const params = readParams(this.form, this.chosen.parameters);
    this.writeNamed(true);
    addHistory({ kind: 'named', name: this.chosen.name, params });
    this.renderSide();
    await this.open({ kind: 'named', name: this.chosen.name, query: this.chosen.cypher, params });
  }

  /** A new frame on top of the stream, running `source`; the oldest goes past MAX_FRAMES. */
  private async open(source: FrameSource): Promise<void> {
    const frame = new ResultFrame(source, this.resultMode === 'plan' ? 'table' : this.resultMode, this);
    this.frames.unshift(frame);
    for (const old of this.frames.splice(MAX_FRAMES)) this.drop(old);
    this.renderStream();
    this.element.setAttribute('aria-busy', 'true');
    await frame.run();
    if (!this.frames.some((f) => f.element.getAttribute('aria-busy') === 'true'))
      this.element.setAttribute('aria-busy', 'false');
  }

  // FrameHost

  fetch(source: FrameSource, signal: AbortSignal) {
    return source.kind === 'named'
      ? api.runQuery(source.name, source.params, signal)
      : api.cypher(source.query, source.params, signal);
  }

  graphShown(frame: ResultFrame): void {
    this.liveGraphs = [...this.liveGraphs.filter((f) => f !== frame), frame];
    while (this.liveGraphs.length > MAX_LIVE_GRAPHS) this.liveGraphs.shift()!.suspendGraph();
  }

  modeChosen(mode: ResultMode): void {
    if (mode !== 'plan') this.resultMode = mode;
  }

  close(frame: ResultFrame): void {
    this.frames = this.frames.filter((f) => f !== frame);
    this.drop(frame);
    this.renderStream();
  }

  private drop(frame: ResultFrame): void {
    this.liveGraphs = this.liveGraphs.filter((f) => f !== frame);
    frame.destroy();
  }

  private renderStream(): void {
    mount(
      this.stream,
      this.frames.length
        ? this.frames.map((f) => f.element)
        : h('p', { class: 'muted cypher__empty', text: t('cypher.noResult') }),
    );
  }

  private render(): void {
    const button = (action: string, text: string, title: string, click: () => void, primary = false) =>
      h('button', {
        type: 'button',
        class: primary ? 'button button--primary' : 'button',
        dataset: { action },
        text,
        title,
        on: { click },
      });
    mount(
      this.toolbar,
      button('run', t('cypher.run'), t('cypher.runHint'), () => void this.runEditor(), true),
      button('explain', t('cypher.explain'), t('cypher.explainHint'), () => void this.runEditor('EXPLAIN')),
      button('profile', t('cypher.profile'), t('cypher.profileHint'), () => void this.runEditor('PROFILE')),
      h('span', { class: 'muted cypher__hint', text: t('cypher.runHint') }),
    );
    this.renderSide();
    for (const frame of this.frames) frame.relabel();
    this.renderStream();
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
            this.choose(this.queries.find((q) => q.name === name) ?? null);
          },
        },
      },
      h('option', { value: '', text: t('cypher.namedPick') }),
      this.queries.map((q) =>
        h('option', {
          value: q.name,
          selected: q.name === this.chosen?.name,
          text: queryTitle(q),
          title: q.name,
        }),
      ),
    );
    if (this.chosen && this.form) relabelForm(this.form, this.chosen);
    if (this.chosen && !this.form) {
      this.form = paramForm(this.chosen, () => void this.runEditor());
      // Every edit goes into the URL; a link to edited values no longer runs them by itself.
      const edited = () => this.writeNamed(false, this.ctx.store.get().query);
      this.form.addEventListener('input', edited);
      this.form.addEventListener('change', edited);
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
      this.chosen
        ? h('p', {
            class: 'cypher__description muted',
            lang: currentLocale().tag,
            text: queryDescription(this.chosen),
          })
        : null,
      this.chosen ? h('p', { class: 'cypher__named-hint muted', text: t('cypher.namedInEditor') }) : null,
      this.form,
      h('h2', { class: 'cypher__heading', text: t('cypher.history') }),
      this.historyList(),
    );
  }

  /** A named query chosen from the menu (or none): its form, and its Cypher in the editor. */
  private choose(query: NamedQuery | null, values?: Record<string, unknown>): void {
    this.chosen = query;
    this.form = null;
    this.namedNotice = null;
    this.renderSide();
    if (query) this.setText(query.cypher);
    if (this.form && values) fillForm(this.form, values);
    this.writeNamed(false);
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
    this.choose(this.queries.find((q) => q.name === entry.name) ?? null, entry.params);
  }
}

/**
 * The values of the named query's parameters that `text` uses (`$name`), typed, defaults filled in
 * for those left empty; null (and the form says why) when a required one is missing.
 */
function usedParams(
  text: string,
  form: HTMLFormElement,
  params: QueryParam[],
): Record<string, unknown> | null {
  const used = params.filter((p) => new RegExp(`\\$\`?${escapeRegExp(p.name)}(?![\\w])`).test(text));
  for (const param of used) {
    const input = form.elements.namedItem(param.name);
    if ((input instanceof HTMLInputElement || input instanceof HTMLSelectElement) && !input.reportValidity())
      return null;
  }
  const values = readParams(form, used);
  for (const param of used)
    if (!(param.name in values) && param.default !== undefined) values[param.name] = param.default;
  return values;
}

/** The form's parameter help in the UI language, its values left as they are. */
function relabelForm(form: HTMLFormElement, query: NamedQuery): void {
  for (const param of query.parameters) {
    const help = paramHelp(query, param);
    const small = form.querySelector<HTMLElement>(`[data-help="${CSS.escape(param.name)}"]`);
    if (small) small.textContent = help;
    small?.closest('label')?.setAttribute('title', help);
  }
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
      const help = paramHelp(query, param);
      return h(
        'label',
        { class: 'cypher__param', title: help },
        h('span', { class: 'cypher__param-name', text: `${param.name}${param.required ? ' *' : ''}` }),
        paramInput(param, initial, example[param.name]),
        help ? h('small', { class: 'muted', dataset: { help: param.name }, text: help }) : null,
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
