/**
 * Saved views ("perspectives", as in Bloom): name and save the current view, then open, rename,
 * delete or export each one; export all of them, or import a file of them. Opening one is a step of
 * its own for undo and a browser history entry, and brings its camera. Folded by default in the left
 * sidebar. Every control is a button, a field or a file input with a label.
 */
import { h, mount } from '../../../components/dom';
import { download, stamp } from '../../../core/export/files';
import { asHistoryEntry } from '../../../core/state/history';
import type { UndoHistory } from '../../../core/state/undo';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import { captureSearch, openPatch } from './capture';
import { defaultName, merge, parse, serialize, type FormatProblem, type Perspective } from './format';
import { PerspectiveStorage } from './storage';

const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export class PerspectivesPanel {
  readonly element: HTMLDetailsElement;
  private readonly summary = h('summary', { class: 'panel__title' });
  private readonly body = h('div', { class: 'perspectives__body' });
  /** Import errors and storage failures, read out when they appear. */
  private readonly message = h('p', { class: 'perspectives__message', role: 'alert' });
  private readonly storage = new PerspectiveStorage();
  private views: Perspective[];
  /** The view being renamed, if any. */
  private renaming: string | null = null;

  constructor(
    private readonly ctx: GraphContext,
    private readonly history: UndoHistory,
  ) {
    this.views = this.storage.load();
    this.element = h(
      'details',
      { class: 'panel perspectives', dataset: { panel: 'perspectives' } },
      this.summary,
      this.body,
      this.message,
    ) as HTMLDetailsElement;
    if (this.storage.problem) this.say(t('perspectives.setAside'));
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) this.render();
    });
    this.render();
  }

  private say(text: string): void {
    this.message.textContent = text;
  }

  /** Writes the list; false (and says why) when the browser refuses. */
  private store(views: Perspective[]): boolean {
    try {
      this.storage.save(views);
    } catch (error) {
      this.say(t('perspectives.storageFailed', { message: String(error) }));
      return false;
    }
    this.views = views;
    return true;
  }

  private save(input: HTMLInputElement): void {
    const name = input.value.trim() || defaultName(this.views, (n) => t('perspectives.defaultName', { n }));
    const { x, y, ratio } = this.ctx.sigma.getCamera().getState();
    const view: Perspective = {
      id: newId(),
      name,
      savedAt: new Date().toISOString(),
      search: captureSearch(this.ctx.store.get(), { x, y, ratio }),
    };
    if (!this.store([...this.views, view])) return;
    this.say('');
    this.ctx.toast.show(t('perspectives.saved', { name }));
    this.render();
    this.body.querySelector<HTMLInputElement>('[data-perspectives="name"]')?.focus();
  }

  private open(view: Perspective): void {
    const { store } = this.ctx;
    asHistoryEntry(() => this.history.jump(openPatch(view.search, store.get().lang)));
    this.ctx.toast.show(t('perspectives.opened', { name: view.name }));
  }

  private rename(view: Perspective, name: string): void {
    this.renaming = null;
    const trimmed = name.trim();
    if (trimmed && trimmed !== view.name)
      this.store(this.views.map((v) => (v.id === view.id ? { ...v, name: trimmed } : v)));
    this.render();
    this.focusRow(view.id, 'rename');
  }

  private remove(view: Perspective): void {
    if (!this.store(this.views.filter((v) => v.id !== view.id))) return;
    this.ctx.toast.show(t('perspectives.deleted', { name: view.name }));
    this.render();
    this.body.querySelector<HTMLInputElement>('[data-perspectives="name"]')?.focus();
  }

  private exportViews(views: Perspective[]): void {
    const slug = views.length === 1 ? `-${views[0]!.name.replace(/[\\/:*?"<>|\s]+/g, '-')}` : '';
    download(serialize(views), 'application/json', `saved-views${slug}-${stamp()}.json`);
  }

  private async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = parse(await file.text());
    if (!result.ok) return this.say(t('perspectives.importFailed', { message: this.problem(result.error) }));
    const { views, added } = merge(this.views, result.views, newId);
    if (!this.store(views)) return;
    this.say('');
    this.ctx.toast.show(added ? t('perspectives.imported', { n: added }) : t('perspectives.nothingImported'));
    this.render();
  }

  private problem({ problem, values }: FormatProblem): string {
    return t(`perspectives.error.${problem}`, values);
  }

  private focusRow(id: string, action: string): void {
    this.body
      .querySelector<HTMLElement>(`[data-view-id="${CSS.escape(id)}"] [data-perspectives="${action}"]`)
      ?.focus();
  }

  private row(view: Perspective): HTMLElement {
    const button = (action: string, text: string, label: string, run: () => void) =>
      h('button', {
        type: 'button',
        class: 'button button--small',
        text,
        'aria-label': label,
        dataset: { perspectives: action },
        on: { click: run },
      });
    if (this.renaming === view.id) {
      const input = h('input', {
        type: 'text',
        value: view.name,
        maxlength: '200',
        'aria-label': t('perspectives.renamePrompt'),
        dataset: { perspectives: 'new-name' },
        on: {
          keydown: (event) => {
            if (event.key !== 'Escape') return;
            // Escape cancels the rename only (the page's Escape would also clear the selection).
            event.stopPropagation();
            this.renaming = null;
            this.render();
            this.focusRow(view.id, 'rename');
          },
        },
      });
      queueMicrotask(() => (input.focus(), input.select()));
      return h(
        'li',
        { class: 'perspectives__item', dataset: { viewId: view.id } },
        h(
          'form',
          {
            class: 'perspectives__rename',
            on: { submit: (event) => (event.preventDefault(), this.rename(view, input.value)) },
          },
          input,
          h('button', {
            type: 'submit',
            class: 'button button--small',
            text: t('perspectives.rename'),
            dataset: { perspectives: 'confirm-rename' },
          }),
        ),
      );
    }
    return h(
      'li',
      { class: 'perspectives__item', dataset: { viewId: view.id } },
      h('button', {
        type: 'button',
        class: 'perspectives__open',
        text: view.name,
        title: t('perspectives.openNamed', { name: view.name }),
        'aria-label': t('perspectives.openNamed', { name: view.name }),
        dataset: { perspectives: 'open' },
        on: { click: () => this.open(view) },
      }),
      h(
        'span',
        { class: 'perspectives__actions' },
        button('rename', t('perspectives.rename'), t('perspectives.renameNamed', { name: view.name }), () => {
          this.renaming = view.id;
          this.render();
        }),
        button(
          'export',
          t('perspectives.exportOne'),
          t('perspectives.exportNamed', { name: view.name }),
          () => this.exportViews([view]),
        ),
        button('delete', t('perspectives.delete'), t('perspectives.deleteNamed', { name: view.name }), () =>
          this.remove(view),
        ),
      ),
    );
  }

  private render(): void {
    this.summary.textContent = t('perspectives.title');
    const name = h('input', {
      type: 'text',
      id: 'perspectives-name',
      maxlength: '200',
      placeholder: defaultName(this.views, (n) => t('perspectives.defaultName', { n })),
      dataset: { perspectives: 'name' },
    });
    const file = h('input', {
      type: 'file',
      accept: '.json,application/json',
      class: 'perspectives__file',
      'aria-label': t('perspectives.import'),
      dataset: { perspectives: 'import' },
      on: { change: () => void this.importFile(file) },
    });
    mount(
      this.body,
      h(
        'form',
        {
          class: 'perspectives__save',
          on: { submit: (event) => (event.preventDefault(), this.save(name)) },
        },
        h('label', { for: 'perspectives-name', text: t('perspectives.name') }),
        h(
          'div',
          { class: 'perspectives__save-row' },
          name,
          h('button', {
            type: 'submit',
            class: 'button',
            text: t('perspectives.save'),
            dataset: { perspectives: 'save' },
          }),
        ),
      ),
      this.views.length
        ? h(
            'ul',
            { class: 'perspectives__list', 'aria-label': t('perspectives.title') },
            this.views.map((view) => this.row(view)),
          )
        : h('p', { class: 'perspectives__empty', text: t('perspectives.empty') }),
      h(
        'div',
        { class: 'perspectives__files' },
        h('button', {
          type: 'button',
          class: 'button button--small',
          text: t('perspectives.export'),
          disabled: this.views.length === 0,
          dataset: { perspectives: 'export-all' },
          on: { click: () => this.exportViews(this.views) },
        }),
        h('label', { class: 'button button--small perspectives__import' }, t('perspectives.import'), file),
      ),
    );
  }
}
