/**
 * Boot: the state from the URL, the locale, the shell (header, graph view, notices), keyboard
 * shortcuts (`/` or Ctrl-K: search; Escape: clear the selection), then the graph (requested before all
 * of that).
 */
import './styles.css';
import { api } from './core/api/client';
import { Header } from './components/Header';
import { OutageBanner } from './components/OutageBanner';
import { SearchBox } from './components/SearchBox';
import { Toast } from './components/Toast';
import { followContentScript } from './core/script/convert';
import { syncWithUrl } from './core/state/history';
import { Store } from './core/state/store';
import type { ExplorerState } from './core/state/types';
import { defaultState, stateFromSearch } from './core/state/url';
import { LOCALE_IDS, preferredLocale, setLocale } from './locales';
import { GraphView } from './views/graph/GraphView';
import { VIEWS, availableView, mountViews } from './views/registry';

const LANG_KEY = 'policy-graph-explorer.lang';

function savedLang(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

// The graph is requested first, so the server answers while the interface is built (GraphView.load
// awaits it). A failure is handled there, where it is explained.
const pendingGraph = api.graph();
pendingGraph.catch(() => undefined);

// The locale is set before anything renders, and this subscriber is the first: every panel that
// re-renders on a language change already reads the new locale.
const defaults = defaultState(
  [savedLang()].find((l): l is string => !!l && LOCALE_IDS.includes(l)) ??
    preferredLocale(navigator.languages),
);
const initial = stateFromSearch(location.search, defaults, LOCALE_IDS);
const store = new Store<ExplorerState>({ ...initial, view: availableView(initial.view) });

function applyLang(lang: string): void {
  const locale = setLocale(lang);
  document.documentElement.lang = locale.tag;
  document.title = `${locale.messages['app.title']}`;
}
applyLang(store.get().lang);
store.subscribe((state, previous) => {
  if (state.lang === previous.lang) return;
  applyLang(state.lang);
  try {
    localStorage.setItem(LANG_KEY, state.lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
});
syncWithUrl(store, defaults, LOCALE_IDS);
// The content's script (a link's script=, the stored choice or the UI language's), followed before
// any view hears of a change; views re-render on it (core/script/convert.ts).
followContentScript(store.get());
store.subscribe((state, previous) => {
  if (state.script !== previous.script || state.lang !== previous.lang) followContentScript(state);
});

const toast = new Toast();
let view: GraphView | null = null;
const search = new SearchBox((hit) => void view?.reveal(hit));
const runSearch = (text: string) => {
  search.input.value = text;
  search.input.dispatchEvent(new Event('input'));
  search.input.focus();
};
view = new GraphView(store, toast, runSearch);
const header = new Header(store, search, VIEWS);

const app = document.getElementById('app') as HTMLElement;
// The overlap view and the Cypher console share the store (and so the selection) with the graph view.
const otherViews = mountViews({ store, toast }, view.element);
// When the server or Neo4j comes back after an outage, a graph that failed to load loads again.
const banner = new OutageBanner(toast, () => view?.recover());
app.replaceChildren(banner.element, header.element, view.element, ...otherViews, toast.element);
app.setAttribute('aria-busy', 'false');

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  const typing = !!target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  if ((event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    search.focus();
  } else if (event.key === '/' && !typing) {
    event.preventDefault();
    search.focus();
  } else if (event.key === 'Escape') {
    if (search.dismiss()) return;
    if (typing) target?.blur();
    view?.clearSelection();
  }
});

void view.load(pendingGraph);
