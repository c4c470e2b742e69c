/**
 * ForceAtlas2 in a web worker (graphology-layout-forceatlas2/worker), started from the server's
 * positions and stopped by the user or after a while, so a forgotten layout does not keep a laptop's
 * fan spinning. Positions are written into the graph, which sigma re-renders as they move; pinned
 * nodes (state `pins`) and the node being dragged keep their places.
 */
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import type { GraphPoint } from '../../../core/state/types';
import type { GraphContext } from '../context';

const AUTO_STOP_MS = 20_000;

export class LayoutController {
  private supervisor: FA2LayoutSupervisor | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<(running: boolean) => void>();
  /** The node being dragged, where the pointer holds it. */
  private held: { node: string; point: GraphPoint } | null = null;

  constructor(private readonly ctx: GraphContext) {}

  get running(): boolean {
    return this.supervisor?.isRunning() ?? false;
  }

  onChange(listener: (running: boolean) => void): void {
    this.listeners.add(listener);
  }

  /** Keeps a dragged node under the pointer while the layout runs (null: let go). */
  hold(node: string | null, point?: GraphPoint): void {
    this.held = node && point ? { node, point } : null;
  }

  toggle(): void {
    if (this.running) this.stop();
    else this.start();
  }

  start(): void {
    if (!this.supervisor) {
      const settings = forceAtlas2.inferSettings(this.ctx.graph);
      this.supervisor = new FA2LayoutSupervisor(this.ctx.graph, {
        settings: { ...settings, barnesHutOptimize: this.ctx.graph.order > 500, adjustSizes: false },
        getEdgeWeight: null,
        // Pinned and held nodes are put back after each round of iterations (the supervisor then
        // reads them back into its matrix, so the layout works around them).
        outputReducer: (node, attributes) => {
          const place = this.held?.node === node ? this.held.point : this.ctx.store.get().pins?.[node];
          return place ? { ...attributes, x: place.x, y: place.y } : attributes;
        },
      });
    }
    this.supervisor.start();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), AUTO_STOP_MS);
    this.emit();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.supervisor?.stop();
    this.emit();
  }

  kill(): void {
    clearTimeout(this.timer);
    this.supervisor?.kill();
    this.supervisor = null;
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener(this.running));
  }
}
