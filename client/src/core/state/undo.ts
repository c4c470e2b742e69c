/**
 * Undo and redo of the graph view's changes: selection (and the nodes chosen with it), filters, ego view, expanded, hidden and pinned
 * nodes, the path, colour and size, and the camera moves the user asks for (fit, a saved view). Panning and zooming by
 * hand are not steps of their own (they would bury the rest); an undone step brings back the camera
 * only when the step was a camera move. Browser Back and Forward walk the same steps: a Back that
 * lands on the state before the last step is that step undone, a Forward onto the next one is a redo
 * (history.ts makes each step an entry), so Ctrl-Z after Back does not bring back what Back left.
 * Pure (no DOM): tests/client/history.test.ts, tests/client/perspectives.test.ts.
 */
import { isNavigating } from './history';
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
  'style',
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
  style: state.style,
  camera: state.camera,
});

const viewChanged = (a: Snapshot, b: Snapshot) => VIEW_KEYS.some((key) => a[key] !== b[key]);

/** Two snapshots show the same view (Back brings new objects of the same values). */
const sameView = (a: Snapshot, b: Snapshot) =>
  VIEW_KEYS.every((key) => JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null));

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

  /**
   * Replaces the view with `patch` (a saved view opened) as one step, camera included, told to the
   * store's listeners as a restore (so nothing refits the camera it brings).
   */
  jump(patch: Partial<ExplorerState>): void {
    this.past.push({ state: this.current, camera: true });
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.restoring = true;
    try {
      this.store.update(patch);
    } finally {
      this.restoring = false;
    }
    this.current = snapshot(this.store.get());
    this.emit();
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
    if (isNavigating() && this.follow(next)) return;
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

  /** Back onto the last step's state is an undo, Forward onto the next one a redo. */
  private follow(next: Snapshot): boolean {
    const back = this.past[this.past.length - 1];
    const forward = this.future[this.future.length - 1];
    const [from, to] =
      back && sameView(back.state, next)
        ? [this.past, this.future]
        : forward && sameView(forward.state, next)
          ? [this.future, this.past]
          : [null, null];
    if (!from || !to) return false;
    const step = from.pop() as Step;
    to.push({ state: this.current, camera: step.camera });
    this.current = next;
    this.emit();
    return true;
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}
