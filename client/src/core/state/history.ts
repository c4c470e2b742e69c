/**
 * Keeps the store and the address bar in step: a new selection, view, ego centre or path (both ends
 * chosen, or cleared) is a history entry (Back returns to the previous one); filters, camera,
 * language, a path's first end and the console's forms replace the current entry.
 */
import type { Store } from './store';
import type { ExplorerState, PathState } from './types';
import { stateFromSearch, stateToSearch } from './url';

/** The path as a history entry sees it: only one with both ends chosen counts. */
const pathEntry = (path: PathState | undefined) =>
  path?.from && path.to ? `${path.from}\n${path.to}\n${path.places}` : '';

export function syncWithUrl(store: Store<ExplorerState>, defaults: ExplorerState, langs: string[]): void {
  let restoring = false;
  store.subscribe((state, previous) => {
    if (restoring) return;
    const search = stateToSearch(state, defaults);
    if (search === location.search) return;
    const entry =
      state.selected !== previous.selected ||
      state.view !== previous.view ||
      state.ego?.center !== previous.ego?.center ||
      pathEntry(state.path) !== pathEntry(previous.path);
    const url = `${location.pathname}${search}${location.hash}`;
    if (entry) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  });
  window.addEventListener('popstate', () => {
    restoring = true;
    try {
      store.update(stateFromSearch(location.search, defaults, langs));
    } finally {
      restoring = false;
    }
  });
}
