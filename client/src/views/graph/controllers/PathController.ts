/**
 * The path between two entities (state `path`): asks /api/paths once both ends are chosen (a newer
 * choice aborts the request in flight), pins the path's nodes so no filter hides them, tells the
 * reducers (HighlightController) and the path panel, and fits the camera to the path. Nothing is
 * copied: the path is a set of node and edge keys of the loaded graph.
 */
import { api, ApiFailure, type PathsResult } from '../../../core/api/client';
import type { PathState } from '../../../core/state/types';
import type { GraphContext } from '../context';
import type { CameraController } from './CameraController';
import type { FilterController } from './FilterController';

export type PathStatus =
  | { kind: 'off' }
  | { kind: 'incomplete' }
  | { kind: 'same' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; notFound: boolean }
  /** `result.paths` is empty when there is no path. */
  | { kind: 'found'; result: PathsResult };

const samePath = (a: PathState | undefined, b: PathState | undefined) =>
  (a?.from ?? null) === (b?.from ?? null) &&
  (a?.to ?? null) === (b?.to ?? null) &&
  !!a?.places === !!b?.places;

export class PathController {
  status: PathStatus = { kind: 'off' };
  /** Nodes and edges of every path found (those in the loaded graph). */
  nodes: ReadonlySet<string> = new Set();
  edges: ReadonlySet<string> = new Set();
  private listeners = new Set<() => void>();
  private inFlight: AbortController | null = null;
  /** A link with a camera keeps it; a path chosen here brings the camera to it. */
  private fitOnResult: boolean;

  constructor(
    private readonly ctx: GraphContext,
    private readonly filters: FilterController,
    private readonly camera: CameraController,
  ) {
    this.fitOnResult = !ctx.store.get().camera;
    ctx.store.subscribe((state, previous) => {
      if (samePath(state.path, previous.path)) return;
      // A change that brings its own camera (a saved view, Back) keeps it rather than fit the path.
      this.fitOnResult = !state.camera || state.camera === previous.camera;
      void this.update();
    });
    void this.update();
  }

  /** A path is drawn: the reducers highlight it. */
  get active(): boolean {
    return this.nodes.size > 0;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** The camera on these nodes, or on every path. */
  fit(nodes: readonly string[] = [...this.nodes]): void {
    const shown = nodes.filter((node) => this.ctx.graph.hasNode(node));
    if (shown.length) requestAnimationFrame(() => this.camera.fitNodes(shown, { margin: 0.35 }));
  }

  private async update(): Promise<void> {
    const path = this.ctx.store.get().path;
    this.inFlight?.abort();
    this.inFlight = null;
    if (!path?.from && !path?.to) return this.set({ kind: 'off' });
    if (!path.from || !path.to) return this.set({ kind: 'incomplete' });
    if (path.from === path.to) return this.set({ kind: 'same' });
    const controller = new AbortController();
    this.inFlight = controller;
    this.set({ kind: 'loading' });
    let result: PathsResult;
    try {
      result = await api.paths(path.from, path.to, { places: path.places, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) return;
      this.inFlight = null;
      return this.set({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
        notFound: error instanceof ApiFailure && error.kind === 'not-found',
      });
    }
    if (controller.signal.aborted) return;
    this.inFlight = null;
    this.set({ kind: 'found', result });
    if (this.fitOnResult && this.nodes.size) {
      this.fitOnResult = false;
      this.fit();
    }
  }

  private set(status: PathStatus): void {
    const { graph } = this.ctx;
    this.status = status;
    const result = status.kind === 'found' ? status.result : null;
    this.nodes = new Set(result?.nodes.map((n) => n.key).filter((key) => graph.hasNode(key)) ?? []);
    this.edges = new Set(result?.edges.map((e) => e.key).filter((key) => graph.hasEdge(key)) ?? []);
    this.filters.pin([...this.nodes]);
    this.listeners.forEach((listener) => listener());
  }
}
