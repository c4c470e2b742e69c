/**
 * One search box over /api/search: suggestions as you type (debounced; a newer query aborts the one in
 * flight), entities and measures by Traditional, Simplified or English name. Arrow keys move, Enter or
 * a click chooses, Escape closes. ARIA combobox, so screen readers follow the active suggestion.
 * The header has the main one; the path panel uses smaller ones (options: their own class names and
 * ids, entities only, their own label).
 */
import { ApiFailure, api, outage, type SearchHit } from '../core/api/client';
import { NODE_COLORS } from '../core/graph/style';
import { showMeasureText, showName } from '../core/script/convert';
import { t } from '../locales';
import { h, mount } from './dom';
import { measureTitle } from './measure-title';

const DEBOUNCE_MS = 180;

/**
 * A measure's text around where the query matched, the match marked. The text comes in the script
 * shown (its textAlt, as long as the text), so the highlight still fits.
 */
function excerpt(text: string, highlight: [number, number] | null): (string | HTMLElement)[] {
  if (!highlight) return [text];
  const [start, end] = highlight;
  const from = Math.max(0, start - 10);
  return [
    from > 0 ? '…' : '',
    text.slice(from, start),
    h('mark', { text: text.slice(start, end) }),
    text.slice(end),
  ];
}

export interface SearchBoxOptions {
  /** Class-name block (`search` → `search__input`, `search__hit` …) and id prefix; `search` by default. */
  block?: string;
  id?: string;
  /** Labels to search (`Entity` = every entity type); all by default. */
  types?: readonly string[];
  label?: () => string;
  placeholder?: () => string;
}

/** What a hit is called: an entity's name (in the content script shown), `Measure 三（一）16` for a measure. */
function hitName(hit: SearchHit): string {
  return hit.kind === 'measure' ? measureTitle(hit) : showName(hit.name);
}

export class SearchBox {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private hits: SearchHit[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | null = null;
  /** The query that failed, asked again by Retry or when the server is healthy again. */
  private failed: string | null = null;
  private readonly block: string;
  private readonly id: string;

  constructor(
    private readonly onChoose: (hit: SearchHit) => void,
    private readonly options: SearchBoxOptions = {},
  ) {
    this.block = options.block ?? 'search';
    this.id = options.id ?? 'search';
    this.input = h('input', {
      type: 'search',
      class: `${this.block}__input`,
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${this.id}-suggestions`,
      autocomplete: 'off',
      spellcheck: 'false',
      on: {
        input: () => this.schedule(),
        keydown: (event) => this.onKey(event),
        focus: () => this.hits.length && this.open(true),
        blur: () => setTimeout(() => this.open(false), 150),
      },
    });
    this.list = h('ul', {
      id: `${this.id}-suggestions`,
      class: `${this.block}__list`,
      role: 'listbox',
      hidden: true,
    });
    this.element = h('div', { class: this.block, role: 'search' }, this.input, this.list);
    this.relabel();
    outage.subscribe((down) => {
      if (!down && this.failed !== null && this.failed === this.input.value.trim())
        void this.query(this.failed);
    });
  }

  relabel(): void {
    this.input.placeholder = (this.options.placeholder ?? (() => t('search.placeholder')))();
    this.input.setAttribute('aria-label', (this.options.label ?? (() => t('search.label')))());
    if (!this.list.hidden) this.render(this.input.value.trim());
  }

  /** Shows `text` in the box (a choice made elsewhere) without searching. */
  setValue(text: string): void {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    this.hits = [];
    this.open(false);
    this.input.value = text;
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  /** Closes the suggestions; true if they were open (so Escape is used up). */
  dismiss(): boolean {
    const wasOpen = !this.list.hidden;
    this.open(false);
    return wasOpen;
  }

  private open(open: boolean): void {
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (!q) {
      this.inFlight?.abort();
      this.hits = [];
      this.open(false);
      return;
    }
    this.timer = setTimeout(() => void this.query(q), DEBOUNCE_MS);
  }

  private async query(q: string): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.failed = null;
    this.showMessage(t('search.searching'));
    try {
      this.hits = await api.search(q, controller.signal, this.options.types);
      // Nothing is active until an arrow key moves: ArrowDown from the input activates the first
      // suggestion, and Enter with none active still chooses the first.
      this.active = -1;
      this.render(q);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.hits = [];
      this.failed = q;
      const message = error instanceof ApiFailure || error instanceof Error ? error.message : String(error);
      this.showMessage(t('search.failed', { message }), true);
    }
  }

  private showMessage(text: string, isError = false): void {
    const block = `${this.block}__message`;
    const q = this.failed;
    mount(
      this.list,
      h(
        'li',
        { class: `${block}${isError ? ` ${block}--error` : ''}`, role: 'option', 'aria-disabled': 'true' },
        h('span', { text }),
        isError && q !== null
          ? h('button', {
              type: 'button',
              class: `button button--small ${this.block}__retry`,
              text: t('search.retry'),
              on: {
                mousedown: (event) => event.preventDefault(),
                click: () => void this.query(q),
              },
            })
          : null,
      ),
    );
    this.open(true);
  }

  private render(q: string): void {
    if (!this.hits.length) return this.showMessage(t('search.nothing', { q }));
    mount(
      this.list,
      this.hits.map((hit, i) => {
        const others =
          hit.kind === 'entity'
            ? [...new Set([...hit.aliases, hit.nameEn].filter((a): a is string => !!a && a !== hitName(hit)))]
            : [];
        return h(
          'li',
          {
            id: `${this.id}-hit-${i}`,
            class: `${this.block}__hit`,
            role: 'option',
            'aria-selected': String(i === this.active),
            dataset: { key: hit.key },
            on: {
              mousedown: (event) => event.preventDefault(),
              click: () => this.choose(i),
              mousemove: () => this.setActive(i),
            },
          },
          h('span', { class: 'swatch', style: `background:${NODE_COLORS[hit.label]}` }),
          h(
            'span',
            { class: `${this.block}__text` },
            h('span', { class: `${this.block}__name`, text: hitName(hit) }),
            hit.kind === 'measure'
              ? h(
                  'span',
                  { class: `${this.block}__meta` },
                  excerpt(showMeasureText(hit.text, hit.textAlt, hit.script), hit.highlight),
                )
              : h('span', {
                  class: `${this.block}__meta`,
                  text: [t(`label.${hit.label}`), ...others].join(' · '),
                }),
          ),
        );
      }),
    );
    this.open(true);
    this.setActive(this.active);
  }

  private setActive(index: number): void {
    this.active = index;
    this.list
      .querySelectorAll('[role=option]')
      .forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      this.input.setAttribute('aria-activedescendant', `${this.id}-hit-${index}`);
      this.list.children[index]?.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private choose(index: number): void {
    const hit = this.hits[index];
    if (!hit) return;
    this.open(false);
    this.input.value = hitName(hit);
    this.input.blur();
    this.onChoose(hit);
  }

  private onKey(event: KeyboardEvent): void {
    const n = this.hits.length;
    if (event.key === 'ArrowDown' && n) {
      event.preventDefault();
      // Reopening closed suggestions shows the one that was active rather than moving past it.
      const reopening = this.list.hidden && this.active >= 0;
      this.open(true);
      this.setActive(reopening ? this.active : (this.active + 1) % n);
    } else if (event.key === 'ArrowUp' && n) {
      event.preventDefault();
      this.setActive((this.active - 1 + n) % n);
    } else if (event.key === 'Escape' && !this.list.hidden) {
      // Used up here: the page's Escape (clear the selection, the path) waits for the next press.
      event.stopPropagation();
      this.open(false);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(this.timer);
      if (n && !this.list.hidden) this.choose(Math.max(0, this.active));
      else if (this.input.value.trim()) void this.query(this.input.value.trim());
    }
  }
}
