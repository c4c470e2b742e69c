/**
 * Moves the camera (to a node, to a set of nodes, to the whole graph) and keeps the camera in the URL:
 * after the user pans or zooms, the state is written back (debounced); a camera state that arrives
 * from outside (a link, Back/Forward, an undo) is applied. A fit leaves room for the nodes' labels
 * (label-room.ts), and a move the user asks for (fit) is announced to `onAsked` (undo steps).
 */
import { fitViewportToNodes, getCameraStateToFitViewportToNodes } from '@sigma/utils';
import type { CameraView } from '../../../core/state/types';
import { untyped, type GraphContext } from '../context';
import { roomForLabels } from './label-room';

const DURATION = 500;
const SETTLE_MS = 400;

const same = (a: CameraView | null, b: CameraView | null) =>
  a === b ||
  (!!a &&
    !!b &&
    Math.abs(a.x - b.x) < 1e-4 &&
    Math.abs(a.y - b.y) < 1e-4 &&
    Math.abs(a.ratio - b.ratio) < 1e-4);

export class CameraController {
  private written: CameraView | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = new Set<() => void>();

  constructor(private readonly ctx: GraphContext) {
    const camera = ctx.sigma.getCamera();
    camera.on('updated', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.write(), SETTLE_MS);
    });
    ctx.store.subscribe((state) => {
      if (state.camera && !same(state.camera, this.written)) this.apply(state.camera);
    });
    const initial = ctx.store.get().camera;
    if (initial) this.apply(initial, false);
  }

  /** Called before each camera move the user asks for, with the camera before it in the store. */
  onAsked(listener: () => void): void {
    this.asked.add(listener);
  }

  private ask(): void {
    clearTimeout(this.timer);
    this.write();
    this.asked.forEach((listener) => listener());
  }

  private write(): void {
    const { x, y, ratio } = this.ctx.sigma.getCamera().getState();
    this.written = { x, y, ratio };
    this.ctx.store.update({ camera: this.written });
  }

  private apply(view: CameraView, animate = true): void {
    this.written = view;
    const camera = this.ctx.sigma.getCamera();
    if (animate) void camera.animate(view, { duration: DURATION });
    else camera.setState(view);
  }

  /** Centres on a node, zooming in if the camera is far out. */
  focusNode(node: string): void {
    const data = this.ctx.sigma.getNodeDisplayData(node);
    if (!data) return;
    const camera = this.ctx.sigma.getCamera();
    void camera.animate(
      { x: data.x, y: data.y, ratio: Math.min(camera.ratio, 0.45) },
      { duration: DURATION },
    );
  }

  /** `margin`: room around the nodes, as a fraction of the view (labels, the toolbar over the canvas). */
  fitNodes(nodes: string[], { margin = 0 }: { margin?: number } = {}): void {
    if (nodes.length === 0) return;
    if (nodes.length === 1) return this.focusNode(nodes[0] as string);
    if (!margin) return void fitViewportToNodes(untyped(this.ctx.sigma), nodes, { animate: true });
    const view = getCameraStateToFitViewportToNodes(untyped(this.ctx.sigma), nodes);
    void this.ctx.sigma
      .getCamera()
      .animate({ ...view, ratio: view.ratio * (1 + margin) }, { duration: DURATION });
  }

  /**
   * The whole graph, or what the filters leave of it, with its labels inside the canvas (the default
   * camera fitted the nodes only, so labels at the right edge were cut off).
   */
  fit(visible: ReadonlySet<string>): void {
    this.ask();
    if (visible.size === 0) return void this.ctx.sigma.getCamera().animatedReset({ duration: DURATION });
    this.fitWithLabels([...visible]);
  }

  /** Fits the nodes and their labels (an ego view, an expansion, a fit). */
  fitWithLabels(nodes: string[]): void {
    if (nodes.length === 0) return;
    if (nodes.length === 1) return this.focusNode(nodes[0] as string);
    const start = getCameraStateToFitViewportToNodes(untyped(this.ctx.sigma), nodes);
    void this.ctx.sigma
      .getCamera()
      .animate(roomForLabels(this.ctx.sigma, nodes, start), { duration: DURATION });
  }

  zoom(factor: number): void {
    const camera = this.ctx.sigma.getCamera();
    void (factor > 1
      ? camera.animatedZoom({ factor, duration: 250 })
      : camera.animatedUnzoom({ factor: 1 / factor, duration: 250 }));
  }
}
