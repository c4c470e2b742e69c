/**
 * What a saved view holds of the explorer's state, and how opening one puts it back: the graph view's
 * keys that undo restores (core/state/undo.ts), the label density and the camera, written and read as
 * a link's query string by core/state/url.ts, so a saved view is exactly what its link would show.
 * The UI language, the other views' state (console, compare) and which view shows are not saved.
 */
import { VIEW_KEYS } from '../../../core/state/undo';
import type { CameraView, ExplorerState } from '../../../core/state/types';
import { defaultState, linkState, stateToSearch } from '../../../core/state/url';

/** The keys a saved view sets when opened (undefined where it has none). */
export const SAVED_KEYS = [...VIEW_KEYS, 'labelDensity', 'camera'] as const;
type SavedKey = (typeof SAVED_KEYS)[number];

/** The current view as a link's query string, with `camera` (read from the renderer, not the store). */
export function captureSearch(state: ExplorerState, camera: CameraView | null): string {
  const defaults = defaultState(state.lang);
  const saved = Object.fromEntries(SAVED_KEYS.map((key) => [key, state[key]])) as Pick<
    ExplorerState,
    SavedKey
  >;
  return stateToSearch({ ...defaults, ...saved, camera }, defaults);
}

/** The store patch that opens a saved view (every saved key, so nothing of the current view stays). */
export function openPatch(search: string, lang: string): Pick<ExplorerState, SavedKey> {
  const state = linkState(search, defaultState(lang), [lang]);
  return Object.fromEntries(SAVED_KEYS.map((key) => [key, state[key]])) as Pick<ExplorerState, SavedKey>;
}
