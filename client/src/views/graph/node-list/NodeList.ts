/**
 * The graph without the canvas (issue 17): the nodes the view shows, the same set the canvas draws
 * (FilterController), as a listbox of name, type and degree, sorted by type, name or degree. It
 * opens under the toolbars from the "Node list" button or Alt-Shift-L and follows the filters while
 * open. Arrow keys, Page Up/Down, Home and End move through it; Enter (or a click) selects the node
 * as a click on the canvas does (details, `node=` in the URL) and brings the camera to it; Escape
 * closes it. Rows are made a page at a time (`PAGE`), and more as the keys or "Show more" reach
 * them, so a 10k-node view costs one sort and a page of elements.
 */
import './node-list.css';
import { h, mount } from '../../../components/dom';
import { NODE_COLORS } from '../../../core/graph/style';
import { currentLocale, t } from '../../../locales';
import type { GraphContext } from '../context';
import type { FilterController } from '../controllers/FilterController';
import type { SelectionController } from '../controllers/SelectionController';
import { shortName } from '../details/parts';
import { NODE_SORTS, nodeRows, type NodeRow, type NodeSort } from './rows';

/** Rows made at once; the keys and "Show more" make more. */
export const PAGE = 200;
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
  private readonly more = h('button', {
    type: 'button',
    class: 'link node-list__more',
    on: { click: () => this.showMore(this.shown + PAGE) },
  });
  private rows: NodeRow[] = [];
  /** How many rows have elements. */
  private shown = 0;
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
      this.box,
      this.more,
    );
    // The same set as the canvas, whenever it changes (filters, ego view, expanded, a new corpus).
    filters.onChange(() => this.render());
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) this.relabel();
      // Names in the content script shown (shortName goes through core/script/convert.ts).
      else if (state.script !== previous.script) this.render();
    });
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
    this.active = index >= 0 ? index : Math.min(this.active, Math.max(0, this.rows.length - 1));
    this.count.textContent = t('nodeList.count', { n: this.rows.length.toLocaleString() });
    this.box.hidden = this.rows.length === 0;
    const scroll = this.box.scrollTop;
    this.shown = 0;
    this.box.replaceChildren();
    this.showMore(Math.max(PAGE, this.active + 1));
    this.box.scrollTop = scroll;
  }

  /** Makes the rows up to `upTo` (the whole list at most). */
  private showMore(upTo: number): void {
    const end = Math.min(upTo, this.rows.length);
    const selected = this.ctx.store.get().selected;
    const options: HTMLElement[] = [];
    for (let i = this.shown; i < end; i++) options.push(this.option(this.rows[i] as NodeRow, i, selected));
    this.box.append(...options);
    this.shown = Math.max(this.shown, end);
    const left = this.rows.length - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = t('nodeList.more', { n: Math.min(PAGE, left), left: left.toLocaleString() });
    this.activate(this.active);
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

  /** Puts the keys on row `index`, making its element first when needed. */
  private activate(index: number): void {
    if (!this.rows.length) return this.box.removeAttribute('aria-activedescendant');
    this.active = Math.max(0, Math.min(index, this.rows.length - 1));
    if (this.active >= this.shown) return this.showMore(this.active + 1);
    this.box.querySelector('.node-list__option--active')?.classList.remove('node-list__option--active');
    const option = this.box.children[this.active] as HTMLElement;
    option.classList.add('node-list__option--active');
    this.box.setAttribute('aria-activedescendant', option.id);
    if (document.activeElement === this.box) option.scrollIntoView({ block: 'nearest' });
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
