/**
 * The graph without the canvas (issue 17): the nodes the view shows, the same set the canvas draws
 * (FilterController), as a listbox of name, type and degree, sorted by type, name or degree. It
 * opens under the toolbars from the "Node list" button or Alt-Shift-L and follows the filters while
 * open. Arrow keys, Page Up/Down, Home and End move through it; Enter (or a click) selects the node
 * as a click on the canvas does (details, `node=` in the URL) and brings the camera to it; Escape
 * closes it. Only the rows in sight have elements (rows of fixed height, the box padded for the
 * others, `aria-setsize` and `aria-posinset` telling screen readers where a row stands), so a
 * 10k-node view costs one sort and a screenful of elements, wherever the list is scrolled to.
 */
import './node-list.css';
import { h, mount } from '../../../components/dom';
import { NODE_COLORS } from '../../../core/graph/style';
import { currentLocale, t } from '../../../locales';
import type { GraphContext } from '../context';
import type { FilterController } from '../controllers/FilterController';
import type { SelectionController } from '../controllers/SelectionController';
import { shortName } from '../details/parts';
import { onShownScriptChange } from '../../../core/script/convert';
import { NODE_SORTS, nodeRows, type NodeRow, type NodeSort } from './rows';

/** A row's height in CSS pixels (`.node-list__option` in node-list.css). */
const ROW_HEIGHT = 28;
/** Rows made beyond those in sight, above and below. */
const OVERSCAN = 10;
/** What Page Up and Page Down move by. */
const STEP = 10;
export const SHORTCUT = { aria: 'Alt+Shift+L', text: 'Alt Shift L' };

export class NodeList {
  readonly element = h('section', {
    class: 'node-list',
    id: 'node-list',
    'aria-labelledby': 'node-list-title',
    hidden: true,
  });
  /** For the toolbar: opens and closes the list. */
  readonly toggle = h('button', {
    type: 'button',
    class: 'button',
    'aria-controls': 'node-list',
    'aria-expanded': 'false',
    'aria-keyshortcuts': SHORTCUT.aria,
    dataset: { action: 'node-list' },
    on: { click: () => this.setOpen(!this.open) },
  });
  private readonly title = h('h2', { id: 'node-list-title', class: 'panel__title' });
  private readonly count = h('p', { class: 'node-list__count', 'aria-live': 'polite' });
  private readonly sortLabel = h('label', { for: 'node-list-sort' });
  private readonly sortSelect = h('select', {
    id: 'node-list-sort',
    on: {
      change: (event) => {
        this.sort = (event.target as HTMLSelectElement).value as NodeSort;
        this.active = 0;
        this.render();
      },
    },
  });
  private readonly close = h('button', {
    type: 'button',
    class: 'icon-button node-list__close',
    text: '×',
    on: { click: () => this.setOpen(false) },
  });
  private readonly box = h('div', {
    role: 'listbox',
    class: 'node-list__box',
    tabindex: 0,
    'aria-labelledby': 'node-list-title',
    on: {
      keydown: (event) => this.key(event),
      click: (event) => {
        const option = (event.target as HTMLElement).closest<HTMLElement>('[role=option]');
        if (option) this.choose(Number(option.dataset.index));
      },
    },
  });
  /**
   * Scrolls the listbox, which is as tall as all its rows: padded above and below for those without
   * elements (padding on the scrolling box itself would make it that tall).
   */
  private readonly scroller = h(
    'div',
    { class: 'node-list__scroller', on: { scroll: () => this.renderWindow() } },
    this.box,
  );
  private rows: NodeRow[] = [];
  /** The rows that have elements: from `first` up to, not including, `last`. */
  private first = 0;
  private last = 0;
  /** The row the keys are on (`aria-activedescendant`), an index into `rows`. */
  private active = 0;
  private open = false;
  private sort: NodeSort = 'type';

  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
    private readonly selection: SelectionController,
  ) {
    mount(
      this.element,
      h('div', { class: 'node-list__head' }, this.title, this.close),
      h('div', { class: 'node-list__bar' }, this.count, h('span', {}, this.sortLabel, ' ', this.sortSelect)),
      this.scroller,
    );
    // The same set as the canvas, whenever it changes (filters, ego view, expanded, a new corpus).
    filters.onChange(() => this.render());
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) this.relabel();
    });
    // Names in the content script shown (shortName goes through core/script/convert.ts).
    onShownScriptChange(() => this.render());
    document.addEventListener('keydown', (event) => {
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyL') return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
      // Only while the graph view is on the screen.
      if (!this.toggle.isConnected || this.toggle.closest('.view--hidden')) return;
      event.preventDefault();
      this.setOpen(!this.open);
    });
    this.relabel();
  }

  setOpen(open: boolean): void {
    const hadFocus = this.element.contains(document.activeElement);
    this.open = open;
    this.element.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (!open) {
      if (hadFocus) this.toggle.focus();
      return;
    }
    const selected = this.ctx.store.get().selected;
    this.render(selected);
    (this.rows.length ? this.box : this.sortSelect).focus();
  }

  private relabel(): void {
    this.toggle.textContent = t('nodeList.toggle');
    this.toggle.title = `${t('nodeList.toggle')} (${SHORTCUT.text})`;
    this.title.textContent = t('nodeList.title');
    this.sortLabel.textContent = t('nodeList.sort');
    this.close.title = t('nodeList.close');
    this.close.setAttribute('aria-label', t('nodeList.close'));
    mount(
      this.sortSelect,
      NODE_SORTS.map((sort) =>
        h('option', { value: sort, selected: sort === this.sort, text: t(`nodeList.sort.${sort}`) }),
      ),
    );
    this.render();
  }

  /** The rows again (closed: nothing to do). The active row stays on its node while it is listed. */
  private render(activeKey: string | null | undefined = this.rows[this.active]?.key): void {
    if (!this.open) return;
    const { graph } = this.ctx;
    const collator = new Intl.Collator(currentLocale().tag);
    this.rows = nodeRows(graph, this.filters.visible, this.sort, collator, (key) => shortName(graph, key));
    const index = activeKey ? this.rows.findIndex((row) => row.key === activeKey) : -1;
    this.count.textContent = t('nodeList.count', { n: this.rows.length.toLocaleString() });
    this.scroller.hidden = this.rows.length === 0;
    this.renderWindow(true);
    this.activate(index >= 0 ? index : this.active);
  }

  /** Makes the elements of the rows in sight (and `OVERSCAN` more each side), when they changed. */
  private renderWindow(force = false): void {
    const sight = this.scroller.clientHeight || ROW_HEIGHT * STEP;
    const top = this.scroller.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((top + sight) / ROW_HEIGHT) + OVERSCAN);
    if (!force && first === this.first && last === this.last) return;
    [this.first, this.last] = [first, last];
    const selected = this.ctx.store.get().selected;
    const options: HTMLElement[] = [];
    for (let i = first; i < last; i++) options.push(this.option(this.rows[i] as NodeRow, i, selected));
    this.box.style.paddingTop = `${first * ROW_HEIGHT}px`;
    this.box.style.paddingBottom = `${(this.rows.length - last) * ROW_HEIGHT}px`;
    this.box.replaceChildren(...options);
    this.markActive();
  }

  private option(row: NodeRow, index: number, selected: string | null): HTMLElement {
    const type = t(`label.${row.label}`);
    return h(
      'div',
      {
        role: 'option',
        id: `node-list-${index}`,
        class: 'node-list__option',
        'aria-selected': String(row.key === selected),
        'aria-setsize': this.rows.length,
        'aria-posinset': index + 1,
        dataset: { node: row.key, index: String(index) },
      },
      h('span', { class: 'swatch', style: `background:${NODE_COLORS[row.label]}` }),
      h('span', { class: 'node-list__name', text: row.name }),
      // Read as "name, type, degree n"; the commas and the word are for screen readers only.
      h('span', { class: 'node-list__type' }, h('span', { class: 'visually-hidden', text: ', ' }), type),
      h(
        'span',
        { class: 'node-list__degree' },
        h('span', { class: 'visually-hidden', text: `, ${t('nodeList.degree')} ` }),
        row.degree,
      ),
    );
  }

  /** Puts the keys on row `index`, scrolling the list to it. */
  private activate(index: number): void {
    this.active = Math.max(0, Math.min(index, this.rows.length - 1));
    const top = this.active * ROW_HEIGHT;
    const { scroller } = this;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
    this.renderWindow();
    this.markActive();
  }

  /** The active row's element, when it has one, is the listbox's active descendant. */
  private markActive(): void {
    this.box.querySelector('.node-list__option--active')?.classList.remove('node-list__option--active');
    const inSight = this.active >= this.first && this.active < this.last;
    const option = inSight ? this.box.children[this.active - this.first] : undefined;
    if (!option) return this.box.removeAttribute('aria-activedescendant');
    option.classList.add('node-list__option--active');
    this.box.setAttribute('aria-activedescendant', option.id);
  }

  /** Selects the row's node, as a click on the canvas does, and brings the camera to it. */
  private choose(index: number): void {
    const row = this.rows[index];
    if (!row) return;
    this.activate(index);
    this.selection.select(row.key, { focus: true });
  }

  private key(event: KeyboardEvent): void {
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowUp: this.active - 1,
      PageDown: this.active + STEP,
      PageUp: this.active - STEP,
      Home: 0,
      End: this.rows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.activate(moves[event.key] as number);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === 'Escape') {
      // The list closes; the selection stays (the page's Escape would clear it).
      event.preventDefault();
      event.stopPropagation();
      this.setOpen(false);
    }
  }
}
