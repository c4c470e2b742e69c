/**
 * One result frame of the console's stream (as in Neo4j Browser): the query it ran, Re-run and
 * Close, the API's error inline, and the result as a table (values as chips, values.ts), as a graph
 * (ResultGraph) or, for EXPLAIN and PROFILE, as a plan tree (plan.ts), each with its exports
 * (export.ts). A frame runs its query itself, so Re-run repeats exactly what it ran.
 */
import { h, mount } from '../../components/dom';
import { ApiFailure, type ReadResult as QueryResult } from '../../core/api/client';
import { t } from '../../locales';
import { download } from '../../core/export/files';
import { fileName, graphPng, graphSvgText, tableCsv, tableJson } from './export';
import { planTree } from './plan';
import { ResultGraph } from './ResultGraph';
import { valueCell } from './values';

export type ResultMode = 'table' | 'graph' | 'plan';

/** What a frame runs: Cypher from the editor, or a named query of cypher/ with its parameters. */
export type FrameSource =
  | { kind: 'cypher'; query: string; params: Record<string, unknown> }
  | { kind: 'named'; name: string; query: string; params: Record<string, unknown> };

export interface FrameHost {
  /** Runs the source through the API. */
  fetch(source: FrameSource, signal: AbortSignal): Promise<QueryResult>;
  /** The frame drew its graph (the console keeps a bounded number of sigma instances alive). */
  graphShown(frame: ResultFrame): void;
  /** The user picked a tab: the next frames open on the same one. */
  modeChosen(mode: ResultMode): void;
  close(frame: ResultFrame): void;
}

let frames = 0;

export class ResultFrame {
  readonly id = ++frames;
  readonly element = h('article', { class: 'cypher-frame', dataset: { frame: String(this.id) } });
  private readonly head = h('header', { class: 'cypher-frame__head' });
  private readonly error = h('div', { class: 'cypher__error', role: 'alert', hidden: true });
  private readonly tabs = h('div', { class: 'cypher__tabs', role: 'tablist' });
  private readonly summary = h('p', { class: 'cypher__summary muted', role: 'status' });
  private readonly exports = h('div', { class: 'cypher-frame__exports' });
  private readonly table = h('div', { class: 'cypher__table', role: 'tabpanel' });
  private readonly graphBox = h('div', { class: 'cypher__graph', role: 'tabpanel' });
  private readonly planBox = h('div', { class: 'cypher__plan', role: 'tabpanel' });
  private readonly graph = new ResultGraph(this.graphBox);
  private result: QueryResult | null = null;
  private running: AbortController | null = null;
  /** The table is built once per result, not on every tab switch. */
  private tableBuilt = false;

  constructor(
    readonly source: FrameSource,
    private mode: ResultMode,
    private readonly host: FrameHost,
  ) {
    mount(
      this.element,
      this.head,
      this.error,
      h('div', { class: 'cypher__results-bar' }, this.tabs, this.summary, this.exports),
      this.table,
      this.graphBox,
      this.planBox,
    );
    this.renderHead();
  }

  /** What the frame's header shows: the Cypher, or the named query and its parameters. */
  get title(): string {
    return this.source.kind === 'named'
      ? `${this.source.name} ${JSON.stringify(this.source.params)}`
      : this.source.query;
  }

  private renderHead(): void {
    const button = (action: string, text: string, label: string, click: () => void) =>
      h('button', {
        type: 'button',
        class: 'button cypher-frame__button',
        dataset: { action },
        title: label,
        'aria-label': label,
        text,
        on: { click },
      });
    mount(
      this.head,
      h('code', { class: 'cypher-frame__query', title: this.source.query, text: this.title }),
      button('rerun', '↻', t('cypher.rerun'), () => void this.run()),
      button('close', '×', t('cypher.close'), () => this.host.close(this)),
    );
  }

  async run(): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    this.element.setAttribute('aria-busy', 'true');
    this.element.dataset.state = 'running';
    this.summary.textContent = t('cypher.running');
    this.showError(null);
    try {
      const result = await this.host.fetch(this.source, controller.signal);
      if (controller.signal.aborted) return;
      this.result = result;
      this.element.dataset.state = 'done';
      // EXPLAIN runs nothing: its plan is the result. PROFILE opens on its plan too.
      if (result.plan && result.summary.mode !== 'run') this.mode = 'plan';
      else if (this.mode === 'plan') this.mode = 'table';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.result = null;
      this.element.dataset.state = 'failed';
      this.showError(error);
    } finally {
      if (this.running === controller) {
        this.running = null;
        this.element.setAttribute('aria-busy', 'false');
      }
    }
    this.tableBuilt = false;
    this.graph.kill();
    this.render();
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

  /** Renders all of it again in the current language. */
  relabel(): void {
    this.renderHead();
    this.render();
  }

  render(): void {
    const result = this.result;
    const modes: ResultMode[] = result?.plan ? ['table', 'graph', 'plan'] : ['table', 'graph'];
    mount(
      this.tabs,
      result
        ? modes.map((mode) =>
            h('button', {
              type: 'button',
              role: 'tab',
              class: 'tabs__tab',
              'aria-selected': String(this.mode === mode),
              dataset: { result: mode },
              text: t(mode === 'table' ? 'cypher.table' : mode === 'graph' ? 'cypher.graph' : 'cypher.plan'),
              on: {
                click: () => {
                  this.mode = mode;
                  this.host.modeChosen(mode);
                  this.render();
                },
              },
            }),
          )
        : null,
    );
    this.element.dataset.mode = this.mode;
    if (result) this.summary.textContent = summaryText(result);
    this.table.hidden = !result || this.mode !== 'table';
    this.graphBox.hidden = !result || this.mode !== 'graph';
    this.planBox.hidden = !result || this.mode !== 'plan';
    if (!result) {
      this.graph.kill();
      mount(this.exports);
      return;
    }
    if (this.mode === 'table' && !this.tableBuilt) {
      mount(this.table, resultTable(result));
      this.tableBuilt = true;
    }
    if (this.mode === 'plan' && result.plan) mount(this.planBox, planTree(result.plan, result.summary.mode));
    if (this.mode === 'graph' && !this.graph.drawn) this.drawGraph();
    this.renderExports();
  }

  private drawGraph(): void {
    const result = this.result;
    if (!result) return;
    mount(this.graphBox);
    // The box is visible now: sigma measures it on creation.
    if (this.graph.draw(result.graph)) this.host.graphShown(this);
    else mount(this.graphBox, h('p', { class: 'muted cypher__graph-empty', text: t('cypher.noGraph') }));
  }

  /** Lets go of the WebGL context; the graph comes back when asked for. */
  suspendGraph(): void {
    if (!this.graph.drawn) return;
    this.graph.kill();
    mount(
      this.graphBox,
      h('button', {
        type: 'button',
        class: 'button cypher__graph-again',
        dataset: { action: 'draw-again' },
        text: t('cypher.drawAgain'),
        on: {
          click: () => {
            this.drawGraph();
            this.renderExports();
          },
        },
      }),
    );
    this.renderExports();
  }

  private renderExports(): void {
    const result = this.result;
    const sigma = this.graph.renderer;
    const item = (kind: string, text: string, click: () => void | Promise<void>) =>
      h('button', {
        type: 'button',
        class: 'button cypher-frame__export',
        dataset: { export: kind },
        title: t('cypher.exportAs', { format: text }),
        text,
        on: { click: () => void click() },
      });
    const query = this.source.query;
    const params = this.source.params;
    mount(
      this.exports,
      result && this.mode === 'table' && result.columns.length
        ? [
            item('csv', 'CSV', () =>
              download(tableCsv(result), 'text/csv;charset=utf-8', fileName('table', 'csv')),
            ),
            item('json', 'JSON', () =>
              download(tableJson(result, query, params), 'application/json', fileName('table', 'json')),
            ),
          ]
        : null,
      result && this.mode === 'graph' && sigma
        ? [
            item('png', 'PNG', async () =>
              download(await graphPng(sigma as never, query), 'image/png', fileName('graph', 'png')),
            ),
            item('svg', 'SVG', () =>
              download(graphSvgText(sigma as never, query), 'image/svg+xml', fileName('graph', 'svg')),
            ),
          ]
        : null,
    );
  }

  destroy(): void {
    this.running?.abort();
    this.running = null;
    this.graph.kill();
    this.element.remove();
  }
}

function summaryText(result: QueryResult): string {
  const { summary } = result;
  if (summary.mode === 'explain') return t('cypher.summaryExplain', { ms: summary.elapsedMs ?? 0 });
  const text = t(summary.truncated ? 'cypher.summaryTruncated' : 'cypher.summary', {
    rows: result.rows.length,
    nodes: result.graph?.nodes?.length ?? 0,
    ms: summary.elapsedMs ?? 0,
  });
  return summary.mode === 'profile' && !result.plan ? `${text}; ${t('cypher.profileCut')}` : text;
}

function resultTable(result: QueryResult): HTMLElement {
  if (!result.rows.length)
    return h('p', {
      class: 'muted',
      dataset: { empty: 'rows' },
      text: result.summary.mode === 'explain' ? t('cypher.explainNoRows') : t('cypher.noRows'),
    });
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
          result.columns.map((c) => h('td', {}, valueCell(row[c] ?? null))),
        ),
      ),
    ),
  );
}
