/**
 * Keeps the store and the address bar in step: a new selection, view or ego centre is a history entry
 * (Back returns to the previous one); filters, camera and language replace the current entry.
 */
import type { Store } from './store';
import type { ExplorerState } from './types';
import { stateFromSearch, stateToSearch } from './url';

export function syncWithUrl(store: Store<ExplorerState>, defaults: ExplorerState, langs: string[]): void {
  let restoring = false;
  store.subscribe((state, previous) => {
    if (restoring) return;
    const search = stateToSearch(state, defaults);
    if (search === location.search) return;
    const entry =
      state.selected !== previous.selected ||
      state.view !== previous.view ||
      state.ego?.center !== previous.ego?.center;
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
