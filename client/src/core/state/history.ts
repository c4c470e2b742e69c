/**
 * Keeps the store and the address bar in step: a new selection, view, filter, ego view, expanded,
 * hidden or pinned nodes, or path (both ends chosen, or cleared) is a history entry (Back returns to
 * the previous one, so Back undoes a filter); the camera (written once it settles, never per frame),
 * language, label density, a path's first end and the console's forms replace the current entry.
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
      state.filters !== previous.filters ||
      state.ego !== previous.ego ||
      state.expanded !== previous.expanded ||
      state.hidden !== previous.hidden ||
      state.pins !== previous.pins ||
      pathEntry(state.path) !== pathEntry(previous.path);
    const url = `${location.pathname}${search}${location.hash}`;
    if (entry) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  });
  window.addEventListener('popstate', () => {
    restoring = true;
    try {
      // A link without hidden or pinned nodes has none (the store keeps keys a patch leaves out).
      store.update({
        hidden: undefined,
        pins: undefined,
        ...stateFromSearch(location.search, defaults, langs),
      });
    } finally {
      restoring = false;
    }
  });
}
