/** What every view is given and gives back: the registry (registry.ts) mounts views through this. */
import type { Toast } from '../components/Toast';
import type { Store } from '../core/state/store';
import type { ExplorerState } from '../core/state/types';

export interface ViewContext {
  store: Store<ExplorerState>;
  toast: Toast;
}

/** A mounted view: its element, and `show` called each time it becomes the current view. */
export interface MountedView {
  element: HTMLElement;
  show?(): void;
}
