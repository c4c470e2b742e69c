/**
 * Clicking a node selects it, clicking the background clears the selection; a selection made
 * elsewhere (search, a link, the details panel) can bring the camera to the node.
 */
import type { GraphContext } from '../context';
import type { CameraController } from './CameraController';

export class SelectionController {
  constructor(
    private readonly ctx: GraphContext,
    private readonly camera: CameraController,
  ) {
    ctx.sigma.on('clickNode', ({ node }) => this.select(node));
    ctx.sigma.on('clickStage', () => this.select(null));
  }

  select(node: string | null, options: { focus?: boolean } = {}): void {
    const { store, graph } = this.ctx;
    if (node !== null && !graph.hasNode(node)) return;
    store.update({ selected: node });
    if (node && options.focus) requestAnimationFrame(() => this.camera.focusNode(node));
  }
}
