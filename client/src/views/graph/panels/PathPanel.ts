/**
 * The path between two chosen entities: a "from" and a "to" picked by search (entities only) or taken
 * from the selected node, swapped, optionally allowed through places (LOCATED_IN, PART_OF); then the
 * shortest paths step by step (entity → measure → entity …), every step a button that selects the
 * node, every path's heading one that brings the camera to it. The state is `path` in the store (and
 * so in the URL); PathController asks the server and highlights.
 */
import { h, mount } from '../../../components/dom';
import { SearchBox } from '../../../components/SearchBox';
import type { PathsResult } from '../../../core/api/client';
import { nodeName } from '../../../core/graph/provenance';
import { onShownScriptChange, showName } from '../../../core/script/convert';
import { isEntityLabel, isNodeLabel, type RelType } from '../../../core/graph/schema';
import { NODE_COLORS } from '../../../core/graph/style';
import type { PathState } from '../../../core/state/types';
import { t, type MessageKey } from '../../../locales';
import type { GraphContext } from '../context';
import type { PathController, PathStatus } from '../controllers/PathController';
import type { SelectionController } from '../controllers/SelectionController';
import { measureTitle } from '../../../components/measure-title';

type End = 'from' | 'to';

/** How a step reads from the upper node to the lower one when the relationship points upwards. */
const INVERSE: Partial<Record<RelType, MessageKey>> = {
  MENTIONS: 'path.inverse.MENTIONS',
  ASSIGNED_TO: 'path.inverse.ASSIGNED_TO',
  LOCATED_IN: 'path.inverse.LOCATED_IN',
  PART_OF: 'path.inverse.PART_OF',
};

const MAX_EXCERPT = 22;

export class PathPanel {
  readonly element = h('section', { class: 'panel path', 'aria-labelledby': 'path-title' });
  private readonly title = h('h2', { id: 'path-title', class: 'panel__title' });
  private readonly intro = h('p', { class: 'field__hint path__intro' });
  private readonly pickers: Record<End, SearchBox>;
  private readonly labels: Record<End, HTMLLabelElement>;
  private readonly useSelected: Record<End, HTMLButtonElement>;
  private readonly swap = h('button', {
    type: 'button',
    class: 'button button--small',
    dataset: { action: 'path-swap' },
  });
  private readonly places = h('input', { type: 'checkbox', dataset: { action: 'path-places' } });
  private readonly placesLabel = h('span');
  private readonly clear = h('button', {
    type: 'button',
    class: 'button button--small',
    dataset: { action: 'path-clear' },
  });
  private readonly status = h('p', { class: 'path__status', role: 'status', 'aria-live': 'polite' });
  private readonly list = h('ol', { class: 'path__list' });
  /** The keys the pickers show, so a render does not overwrite what is being typed. */
  private shown: Record<End, string | null> = { from: null, to: null };
  /** The status last rendered, so the outcome is scrolled into sight once per outcome. */
  private revealed: PathStatus['kind'] | null = null;

  constructor(
    private readonly ctx: GraphContext,
    private readonly path: PathController,
    private readonly selection: SelectionController,
  ) {
    const picker = (end: End) => {
      const box = new SearchBox((hit) => this.setEnd(end, hit.key), {
        block: 'picker',
        id: `path-${end}`,
        types: ['Entity'],
        label: () => t(end === 'from' ? 'path.fromLabel' : 'path.toLabel'),
        placeholder: () => t('path.placeholder'),
      });
      box.input.id = `path-${end}-input`;
      box.input.dataset.pathEnd = end;
      return box;
    };
    this.pickers = { from: picker('from'), to: picker('to') };
    const label = (end: End) => h('label', { for: `path-${end}-input` });
    this.labels = { from: label('from'), to: label('to') };
    const use = (end: End) =>
      h('button', {
        type: 'button',
        class: 'icon-button path__use',
        dataset: { action: 'path-use-selected', end },
        text: '◎',
        on: { click: () => this.useSelection(end) },
      });
    this.useSelected = { from: use('from'), to: use('to') };
    this.swap.addEventListener('click', () => {
      const current = this.ctx.store.get().path;
      if (current) this.update({ from: current.to, to: current.from });
    });
    this.places.addEventListener('change', () => this.update({ places: this.places.checked }));
    this.clear.addEventListener('click', () => this.ctx.store.update({ path: undefined }));

    const field = (end: End) =>
      h(
        'div',
        { class: 'field path__end', dataset: { end } },
        this.labels[end],
        h('div', { class: 'path__row' }, this.pickers[end].element, this.useSelected[end]),
      );
    mount(
      this.element,
      this.title,
      this.intro,
      field('from'),
      field('to'),
      h(
        'div',
        { class: 'path__options' },
        h('label', { class: 'path__places' }, this.places, this.placesLabel),
        h('div', { class: 'path__buttons' }, this.swap, this.clear),
      ),
      this.status,
      this.list,
    );

    ctx.store.subscribe((state, previous) => {
      if (
        state.path !== previous.path ||
        state.selected !== previous.selected ||
        state.lang !== previous.lang
      )
        this.render();
      if (state.lang !== previous.lang) for (const box of Object.values(this.pickers)) box.relabel();
    });
    path.onChange(() => this.render());
    onShownScriptChange(() => this.render());
    this.render();
  }

  private update(patch: Partial<PathState>): void {
    this.ctx.store.update((s) => ({
      path: { from: null, to: null, places: false, ...s.path, ...patch },
    }));
  }

  private setEnd(end: End, key: string): void {
    this.update({ [end]: key });
  }

  private selectedEntity(): string | null {
    const { graph, store } = this.ctx;
    const selected = store.get().selected;
    return selected && graph.hasNode(selected) && isEntityLabel(graph.getNodeAttribute(selected, 'label'))
      ? selected
      : null;
  }

  private useSelection(end: End): void {
    const entity = this.selectedEntity();
    if (entity) this.setEnd(end, entity);
  }

  /** What to call a node: its name in the loaded graph, else the server's, else its key. */
  private name(key: string, result?: PathsResult): string {
    const { graph } = this.ctx;
    if (graph.hasNode(key)) {
      const a = graph.getNodeAttributes(key);
      return a.label === 'Measure' ? measureTitle(a) : nodeName(a);
    }
    const node = result?.nodes.find((n) => n.key === key);
    if (node?.label === 'Measure') return measureTitle(node);
    return node?.name ? showName(node.name) : key;
  }

  private render(): void {
    const state = this.ctx.store.get();
    const current = state.path;
    const status = this.path.status;
    this.element.dataset.state =
      status.kind === 'found' ? (status.result.paths.length ? 'found' : 'none') : status.kind;

    this.title.textContent = t('path.title');
    this.intro.textContent = t('path.intro');
    this.intro.hidden = !!current;
    this.placesLabel.textContent = t('path.places');
    this.places.checked = !!current?.places;
    this.swap.textContent = `⇅ ${t('path.swap')}`;
    this.swap.disabled = !current?.from && !current?.to;
    this.clear.textContent = t('path.clear');
    this.clear.title = `${t('path.clear')} (Esc)`;
    this.clear.disabled = !current;

    const selected = this.selectedEntity();
    for (const end of ['from', 'to'] as End[]) {
      this.labels[end].textContent = t(end === 'from' ? 'path.from' : 'path.to');
      const button = this.useSelected[end];
      button.disabled = !selected;
      button.title = selected
        ? t('path.useSelected', { name: this.name(selected) })
        : t('path.useSelectedNone');
      button.setAttribute('aria-label', button.title);
      const key = current?.[end] ?? null;
      if (key !== this.shown[end]) {
        this.shown[end] = key;
        this.pickers[end].setValue(key ? this.name(key) : '');
      }
    }

    this.status.classList.toggle('path__status--error', status.kind === 'failed');
    this.status.textContent = this.message();
    mount(this.list, status.kind === 'found' ? this.paths(status.result) : null);
    if (status.kind !== this.revealed && (status.kind === 'found' || status.kind === 'same')) this.reveal();
    this.revealed = status.kind;
  }

  /** Scrolls the sidebar (when it scrolls) so that the outcome is in sight, below the pickers. */
  private reveal(): void {
    const sidebar = this.element.closest('.sidebar');
    if (!sidebar || sidebar.scrollHeight <= sidebar.clientHeight) return;
    const box = sidebar.getBoundingClientRect();
    const status = this.status.getBoundingClientRect();
    if (status.top >= box.top && status.bottom + 160 <= box.bottom) return;
    const top = this.element.getBoundingClientRect().top;
    sidebar.scrollTop += top - box.top;
  }

  private message(): string {
    const status = this.path.status;
    switch (status.kind) {
      case 'off':
        return '';
      case 'incomplete':
        return t('path.incomplete');
      case 'same':
        return t('path.same');
      case 'loading':
        return t('path.loading');
      case 'failed':
        return t(status.notFound ? 'path.notFound' : 'path.failed', { message: status.message });
      case 'found': {
        const { result } = status;
        if (!result.paths.length)
          return t(result.rels.includes('LOCATED_IN') ? 'path.noneAtAll' : 'path.none', { max: result.max });
        return t(result.truncated ? 'path.foundMore' : 'path.found', {
          n: result.paths.length,
          steps: result.length ?? 0,
        });
      }
    }
  }

  private paths(result: PathsResult): HTMLElement[] {
    const { graph } = this.ctx;
    const edges = new Map(result.edges.map((e) => [e.key, e]));
    return result.paths.map((p, index) =>
      h(
        'li',
        { class: 'path__item', dataset: { pathIndex: String(index) } },
        h('button', {
          type: 'button',
          class: 'path__heading',
          dataset: { action: 'path-fit' },
          title: t('path.fit'),
          text: t('path.heading', { i: index + 1, steps: p.length }),
          on: { click: () => this.path.fit(p.nodes) },
        }),
        h(
          'ol',
          { class: 'path__steps' },
          p.nodes.flatMap((key, i) => {
            const label = graph.hasNode(key)
              ? graph.getNodeAttribute(key, 'label')
              : result.nodes.find((n) => n.key === key)?.label;
            const text = graph.hasNode(key) ? graph.getNodeAttribute(key, 'text') : undefined;
            const step = h(
              'li',
              { class: 'path__step', dataset: { node: key, label: String(label ?? '') } },
              h(
                'button',
                {
                  type: 'button',
                  class: 'path__node',
                  title: t('path.select'),
                  on: { click: () => this.selection.select(key, { focus: true }) },
                },
                h('span', {
                  class: 'swatch',
                  style: `background:${isNodeLabel(label) ? NODE_COLORS[label] : '#ccc'}`,
                }),
                h('span', { class: 'path__name', text: this.name(key, result) }),
                typeof text === 'string'
                  ? h('span', {
                      class: 'path__excerpt',
                      text: text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}…` : text,
                    })
                  : null,
              ),
            );
            const edge = edges.get(p.edges[i] ?? '');
            if (!edge) return [step];
            const type = edge.type as RelType;
            const inverse = INVERSE[type];
            const forward = edge.source === key;
            const relation = h('li', {
              class: 'path__rel',
              'aria-hidden': 'true',
              dataset: { rel: type },
              text: `↓ ${forward || !inverse ? t(`rel.${type}`) : t(inverse)}`,
            });
            return [step, relation];
          }),
        ),
      ),
    );
  }
}
