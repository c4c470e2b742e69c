/** The top bar: title, view switcher, search, language and the content's script. */
import { LOCALES, t } from '../locales';
import { CONTENT_SCRIPTS, type ContentScript } from '../core/script/choice';
import { rememberContentScript, shownScript } from '../core/script/convert';
import type { Store } from '../core/state/store';
import type { ExplorerState, ViewId } from '../core/state/types';
import { h, mount } from './dom';
import type { SearchBox } from './SearchBox';

export class Header {
  readonly element = h('header', { class: 'app-header' });
  private readonly brand = h('div', { class: 'brand' });
  private readonly tabs = h('nav', { class: 'tabs', role: 'tablist' });
  private readonly lang = h('label', { class: 'lang' });
  private readonly script = h('label', { class: 'lang lang--script' });

  constructor(
    private readonly store: Store<ExplorerState>,
    private readonly search: SearchBox,
    /** The views to switch between (views/registry.ts, handed in by main.ts). */
    private readonly views: readonly { id: ViewId; available: boolean }[],
  ) {
    mount(this.element, this.brand, this.tabs, search.element, this.lang, this.script);
    store.subscribe((state, previous) => {
      if (state.lang !== previous.lang || state.view !== previous.view || state.script !== previous.script)
        this.render();
    });
    this.render();
  }

  private render(): void {
    const { view, lang } = this.store.get();
    mount(
      this.brand,
      h('h1', { class: 'brand__title', text: t('app.title') }),
      h('p', { class: 'brand__subtitle', text: t('app.subtitle') }),
    );
    mount(
      this.tabs,
      this.views.map((entry) =>
        h('button', {
          type: 'button',
          role: 'tab',
          class: 'tabs__tab',
          'aria-selected': String(entry.id === view),
          'aria-disabled': String(!entry.available),
          disabled: !entry.available,
          title: entry.available ? undefined : t('view.notYet'),
          dataset: { view: entry.id },
          text: t(`view.${entry.id}`),
          on: { click: () => this.store.update({ view: entry.id }) },
        }),
      ),
    );
    mount(
      this.lang,
      h('span', { class: 'visually-hidden', text: t('lang.label') }),
      h(
        'select',
        {
          'aria-label': t('lang.label'),
          dataset: { action: 'lang' },
          on: { change: (event) => this.store.update({ lang: (event.target as HTMLSelectElement).value }) },
        },
        LOCALES.map((locale) =>
          h('option', {
            value: locale.id,
            lang: locale.tag,
            selected: locale.id === lang,
            text: locale.name,
          }),
        ),
      ),
    );
    const shown = shownScript(this.store.get());
    mount(
      this.script,
      h('span', { class: 'visually-hidden', text: t('script.label') }),
      h(
        'select',
        {
          'aria-label': t('script.label'),
          title: t('script.label'),
          dataset: { action: 'script' },
          on: { change: (event) => this.chooseScript((event.target as HTMLSelectElement).value) },
        },
        CONTENT_SCRIPTS.map((script) =>
          h('option', { value: script, selected: script === shown, text: t(`script.${script}`) }),
        ),
      ),
    );
    this.search.relabel();
  }

  /** The content's script: remembered for the next visit, and in the store (and so the link). */
  private chooseScript(value: string): void {
    const script = CONTENT_SCRIPTS.find((s) => s === value) as ContentScript | undefined;
    if (!script) return;
    rememberContentScript(script);
    this.store.update({ script });
  }
}
