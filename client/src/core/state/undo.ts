/**
 * Undo and redo of the graph view's changes: selection (and the nodes chosen with it), filters, ego view, expanded, hidden and pinned
 * nodes, the path, and the camera moves the user asks for (fit, a saved view). Panning and zooming by
 * hand are not steps of their own (they would bury the rest); an undone step brings back the camera
 * only when the step was a camera move. Pure (no DOM): tests/client/history.test.ts.
 */
import type { Store } from './store';
import type { CameraView, ExplorerState } from './types';

/** The state an undo step restores. */
export const VIEW_KEYS = [
  'selected',
  'picked',
  'filters',
  'ego',
  'expanded',
  'hidden',
  'pins',
  'path',
] as const;
type ViewKey = (typeof VIEW_KEYS)[number];
type Snapshot = Pick<ExplorerState, ViewKey> & { camera: CameraView | null };

interface Step {
  state: Snapshot;
  /** A camera move the user asked for: undoing it restores the camera. */
  camera: boolean;
}

const snapshot = (state: ExplorerState): Snapshot => ({
  selected: state.selected,
  picked: state.picked,
  filters: state.filters,
  ego: state.ego,
  expanded: state.expanded,
  hidden: state.hidden,
  pins: state.pins,
  path: state.path,
  camera: state.camera,
});

const viewChanged = (a: Snapshot, b: Snapshot) => VIEW_KEYS.some((key) => a[key] !== b[key]);

export class UndoHistory {
  private past: Step[] = [];
  private future: Step[] = [];
  private current: Snapshot;
  private cameraAsked = false;
  private listeners = new Set<() => void>();
  /** True while an undo or redo writes the store, so listeners can tell a restore from a change. */
  restoring = false;

  constructor(
    private readonly store: Store<ExplorerState>,
    private readonly limit = 200,
  ) {
    this.current = snapshot(store.get());
    store.subscribe((state) => this.observe(state));
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next camera the store receives is a step of its own (the user asked for the move). */
  askCamera(): void {
    this.cameraAsked = true;
  }

  undo(): boolean {
    return this.move(this.past, this.future);
  }

  redo(): boolean {
    return this.move(this.future, this.past);
  }

  private move(from: Step[], to: Step[]): boolean {
    const step = from.pop();
    if (!step) return false;
    to.push({ state: this.current, camera: step.camera });
    const { camera, ...view } = step.state;
    this.restoring = true;
    try {
      this.store.update(step.camera && camera ? { ...view, camera } : view);
    } finally {
      this.restoring = false;
    }
    this.current = snapshot(this.store.get());
    this.emit();
    return true;
  }

  private observe(state: ExplorerState): void {
    if (this.restoring) return;
    const next = snapshot(state);
    const cameraStep = this.cameraAsked && next.camera !== this.current.camera;
    if (viewChanged(this.current, next) || cameraStep) {
      this.past.push({ state: this.current, camera: cameraStep });
      if (this.past.length > this.limit) this.past.shift();
      this.future = [];
      if (cameraStep) this.cameraAsked = false;
      this.current = next;
      this.emit();
    } else this.current = next;
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}
