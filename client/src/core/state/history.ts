/**
 * Keeps the store and the address bar in step: every change of the view the user makes (a new
 * selection or chosen nodes, view, filters, ego view, expanded, hidden or pinned nodes, colour or size,
 * a path with both ends chosen or cleared, a saved view opened) is a history entry, so Back undoes it
 * and Forward redoes it; the camera (written once it settles, never per frame), language, content
 * script, label density, a path's first end and the console's forms replace the current entry. Back and Forward
 * replace the store's state with the entry's link (`linkState`), so the URL stays the one record of
 * each entry.
 */
import type { Store } from './store';
import type { ExplorerState, PathState } from './types';
import { linkState, stateToSearch } from './url';

/**
 * The browser's address and session history, typed here (not from the DOM library) so the rules
 * below are also read by the tests' Node type check (tests/client/perspectives.test.ts).
 */
interface Browser {
  location: { pathname: string; search: string; hash: string };
  history: {
    pushState(state: unknown, unused: string, url: string): void;
    replaceState(state: unknown, unused: string, url: string): void;
  };
  addEventListener(type: 'popstate', listener: () => void): void;
}
const browser = () => globalThis as unknown as Browser;

/** The path as a history entry sees it: only one with both ends chosen counts. */
const pathEntry = (path: PathState | undefined) =>
  path?.from && path.to ? `${path.from}\n${path.to}\n${path.places}` : '';

/** The keys whose change is an entry of its own (the path aside: see `pathEntry`). */
const ENTRY_KEYS = [
  'selected',
  'picked',
  'view',
  'filters',
  'ego',
  'expanded',
  'hidden',
  'pins',
  'style',
  'measuresOf',
] as const satisfies readonly (keyof ExplorerState)[];

let forced = false;
let navigating = false;

/** True while Back or Forward writes the entry's state into the store (undo.ts follows it). */
export function isNavigating(): boolean {
  return navigating;
}

/** Runs `change` (a store update) as a history entry whatever it changes (a saved view opened). */
export function asHistoryEntry(change: () => void): void {
  forced = true;
  try {
    change();
  } finally {
    forced = false;
  }
}

export function syncWithUrl(store: Store<ExplorerState>, defaults: ExplorerState, langs: string[]): void {
  const { location, history } = browser();
  store.subscribe((state, previous) => {
    if (navigating) return;
    const search = stateToSearch(state, defaults);
    if (search === location.search) return;
    const entry =
      forced ||
      ENTRY_KEYS.some((key) => state[key] !== previous[key]) ||
      pathEntry(state.path) !== pathEntry(previous.path);
    const url = `${location.pathname}${search}${location.hash}`;
    if (entry) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  });
  browser().addEventListener('popstate', () => {
    navigating = true;
    try {
      store.update(linkState(location.search, defaults, langs));
    } finally {
      navigating = false;
    }
  });
}
