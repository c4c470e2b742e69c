/**
 * Clicking a node selects it, clicking the background clears the selection; a selection made
 * elsewhere (search, a link, the details panel) can bring the camera to the node. Shift-click adds a
 * node to the nodes chosen with the selection (state `picked`), or takes it out again.
 */
import type { GraphContext } from '../context';
import type { CameraController } from './CameraController';

export class SelectionController {
  /** The node clicked last (sigma reports a second click within its timeout as a double-click). */
  lastClicked: string | null = null;

  constructor(
    private readonly ctx: GraphContext,
    private readonly camera: CameraController,
  ) {
    ctx.sigma.on('clickNode', ({ node, event }) => this.click(node, (event.original as MouseEvent).shiftKey));
    ctx.sigma.on('clickStage', ({ event }) => {
      this.lastClicked = null;
      if (!(event.original as MouseEvent).shiftKey) this.select(null);
    });
  }

  /** A click on a node: Shift chooses it with the others, else it is the one selected. */
  click(node: string, shift: boolean): void {
    this.lastClicked = node;
    if (shift) this.toggle(node);
    else this.select(node);
  }

  select(node: string | null, options: { focus?: boolean } = {}): void {
    const { store, graph } = this.ctx;
    if (node !== null && !graph.hasNode(node)) return;
    store.update({ selected: node, picked: undefined });
    if (node && options.focus) requestAnimationFrame(() => this.camera.focusNode(node));
  }

  /** Shift-click: into the chosen nodes (the first one is selected), or out of them. */
  toggle(node: string): void {
    const { store } = this.ctx;
    const { selected, picked = [] } = store.get();
    if (!selected) return store.update({ selected: node });
    if (node === selected) {
      const [next, ...rest] = picked;
      return store.update({ selected: next ?? null, picked: rest.length ? rest : undefined });
    }
    const chosen = picked.includes(node) ? picked.filter((n) => n !== node) : [...picked, node];
    store.update({ picked: chosen.length ? chosen : undefined });
  }
}
