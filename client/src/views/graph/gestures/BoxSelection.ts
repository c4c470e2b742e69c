/**
 * Box selection (Gephi, Bloom): Shift-drag on the empty canvas draws a rectangle, and on release
 * every node drawn inside it joins the nodes chosen with the selection (state `picked`, which
 * shift-click builds too); with nothing selected, the first of them becomes the selected node. The
 * drag never pans the camera; Escape cancels it. No package does this for sigma v3 (@sigma/* has
 * none, the lasso packages are for Cytoscape and d3), and it is a rectangle and a loop.
 */
import { h } from '../../../components/dom';
import type { GraphContext } from '../context';

interface Point {
  x: number;
  y: number;
}

/** The nodes drawn (not hidden by the reducers) whose centre lies inside the rectangle (viewport pixels). */
export function nodesInBox({ sigma, graph }: GraphContext, a: Point, b: Point): string[] {
  const [left, right] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [top, bottom] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return graph.filterNodes((node) => {
    const data = sigma.getNodeDisplayData(node);
    if (!data || data.hidden) return false;
    const { x, y } = sigma.framedGraphToViewport(data);
    return x >= left && x <= right && y >= top && y <= bottom;
  });
}

/** Adds the nodes to the chosen ones: the selected node stays, the others join `picked` once each. */
export function addToChoice(
  selected: string | null,
  picked: readonly string[],
  nodes: readonly string[],
): { selected: string | null; picked: string[] | undefined } {
  const first = selected ?? nodes[0] ?? null;
  const chosen = [...new Set([...picked, ...nodes])].filter((node) => node !== first);
  return { selected: first, picked: chosen.length ? chosen : undefined };
}

export class BoxSelection {
  private readonly box = h('div', { class: 'box-select', hidden: true, 'aria-hidden': 'true' });
  private start: Point | null = null;
  private end: Point | null = null;
  /** A box was just drawn: the click sigma reports on release is not a click on a node. */
  private swallowClick = false;

  constructor(private readonly ctx: GraphContext) {
    const { sigma } = ctx;
    const container = sigma.getContainer();
    // Styled here, so the gesture is one file: a dashed rectangle that lets the mouse through.
    Object.assign(this.box.style, {
      position: 'absolute',
      zIndex: '5',
      pointerEvents: 'none',
      border: '1px dashed #2563eb',
      background: 'rgb(37 99 235 / 10%)',
    });
    container.append(this.box);
    sigma.on('downStage', ({ event }) => {
      const original = event.original as MouseEvent;
      if (original.button !== 0 || !original.shiftKey) return;
      this.start = { x: event.x, y: event.y };
      this.end = this.start;
    });
    const captor = sigma.getMouseCaptor();
    captor.on('mousemovebody', (event) => {
      if (!this.start) return;
      this.end = { x: event.x, y: event.y };
      this.draw();
      // The camera stays where it is (sigma pans on a drag unless told not to).
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
    });
    captor.on('mouseup', () => this.finish());
    // Before sigma's own listener on the canvas: the release over a node is not a shift-click on it.
    container.parentElement?.addEventListener(
      'click',
      (event) => {
        if (!this.swallowClick) return;
        this.swallowClick = false;
        if (container.contains(event.target as Node)) event.stopPropagation();
      },
      true,
    );
    // Escape cancels the box only (main.ts would clear the selection on Escape too).
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape' || !this.start) return;
        event.preventDefault();
        event.stopPropagation();
        this.cancel();
      },
      true,
    );
  }

  get active(): boolean {
    return this.start !== null;
  }

  private draw(): void {
    const { start, end } = this;
    if (!start || !end) return;
    const { style } = this.box;
    style.left = `${Math.min(start.x, end.x)}px`;
    style.top = `${Math.min(start.y, end.y)}px`;
    style.width = `${Math.abs(end.x - start.x)}px`;
    style.height = `${Math.abs(end.y - start.y)}px`;
    this.box.hidden = false;
  }

  private cancel(): void {
    this.start = null;
    this.end = null;
    this.box.hidden = true;
  }

  private finish(): void {
    const { start, end } = this;
    if (!start || !end) return;
    this.cancel();
    // A shift-click on the background (no drag) is not a box.
    if (start.x === end.x && start.y === end.y) return;
    this.swallowClick = true;
    // The click follows the release in the same turn, if it comes at all (not outside the canvas).
    setTimeout(() => (this.swallowClick = false));
    const nodes = nodesInBox(this.ctx, start, end);
    if (!nodes.length) return;
    const { store } = this.ctx;
    const { selected, picked = [] } = store.get();
    store.update(addToChoice(selected, picked, nodes));
  }
}
