/**
 * Over the canvas, beside the toolbar: undo and redo of the view's changes (also Ctrl-Z and
 * Ctrl-Shift-Z or Ctrl-Y while the graph view shows and no field has focus), "Unpin all" and "Show
 * hidden", each with its count and disabled when there is nothing to do.
 */
import { h, mount } from '../../../components/dom';
import type { UndoHistory } from '../../../core/state/undo';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import type { PinController } from './PinController';

export class ViewControls {
  readonly element = h('div', {
    class: 'toolbar toolbar--view',
    role: 'toolbar',
    'aria-label': t('gestures.toolbar'),
  });

  constructor(
    private readonly ctx: GraphContext,
    private readonly history: UndoHistory,
    private readonly pins: PinController,
    private readonly extra: HTMLElement[] = [],
  ) {
    history.onChange(() => this.render());
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang || state.pins !== previous.pins || state.hidden !== previous.hidden)
        this.render();
    });
    document.addEventListener('keydown', (event) => this.key(event));
    this.render();
  }

  private key(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
    // Only while the graph view is on the screen.
    if (!this.element.isConnected || !this.element.offsetParent) return;
    const key = event.key.toLowerCase();
    const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
    const undo = key === 'z' && !event.shiftKey;
    if (!redo && !undo) return;
    event.preventDefault();
    if (undo) this.history.undo();
    else this.history.redo();
  }

  private render(): void {
    const { store } = this.ctx;
    const hidden = store.get().hidden?.length ?? 0;
    const pinned = this.pins.count;
    const button = (action: string, label: string, text: string, disabled: boolean, run: () => void) =>
      h('button', {
        type: 'button',
        class: 'icon-button',
        title: label,
        'aria-label': label,
        text,
        disabled,
        dataset: { action },
        on: { click: run },
      });
    mount(
      this.element,
      h(
        'div',
        { class: 'toolbar__group' },
        button('undo', t('gestures.undo'), '↶', !this.history.canUndo, () => this.history.undo()),
        button('redo', t('gestures.redo'), '↷', !this.history.canRedo, () => this.history.redo()),
      ),
      h('button', {
        type: 'button',
        class: 'button',
        disabled: pinned === 0,
        dataset: { action: 'unpin-all' },
        text: t('gestures.unpinAll', { n: pinned }),
        on: { click: () => this.pins.unpinAll() },
      }),
      h('button', {
        type: 'button',
        class: 'button',
        disabled: hidden === 0,
        dataset: { action: 'show-hidden' },
        text: t('gestures.showHidden', { n: hidden }),
        on: { click: () => store.update({ hidden: undefined }) },
      }),
      this.extra,
    );
  }
}
