/**
 * The in-page half of `npm run bench:client`, injected into the explorer and the bare sigma page
 * alike before their own scripts run (Playwright's addInitScript, transpiled to a plain script): it
 * records long tasks from the start, and `__bench.animate()` plays the same camera animation on
 * whatever sigma the page holds, through the DOM events a user's mouse would send to sigma's mouse
 * layer, while counting animation frames; `__bench.hover()` sweeps the pointer over the graph.
 *
 * The animation (3 s by default): first half, drag the stage along a circle of 150 px radius (a pan);
 * second half, five wheel steps in then five out at the centre, one every 150 ms (sigma animates
 * each step over 250 ms). The drag starts on the background nearest the centre: in the explorer a
 * press on a node drags that node (its drag-to-pin gesture) instead of panning, and at 10k nodes the
 * centre falls on one (until 2026-12-05 the bench pressed there, so it timed a node drag against
 * bare sigma's pan). The explorer says where its nodes are drawn (`window.explorerCanvas`); the bare
 * page does not, and need not: bare sigma pans from a node too. The pan's moves are relative to its
 * start, so both cameras travel alike. The drag's moves are sent to the document, not to the mouse
 * layer: sigma pans all the same (it follows a drag outside its container) but does not look for a
 * node under the pointer, which costs a synchronous read of its picking buffer, a stall that dwarfs
 * everything else when WebGL is software-rendered. The hover sweep (2 s) is the opposite: pointer moves over
 * the mouse layer along a spiral, no button, so sigma picks nodes and the page reacts to hovering
 * (the explorer highlights the hovered node's neighbourhood). No sigma API is touched, so the
 * explorer runs its own handlers (hover highlight, camera in the URL) as it does for a user.
 */
(() => {
  interface FrameStats {
    frames: number;
    seconds: number;
    fps: number;
    /** Frame intervals in ms. */
    p50: number;
    p95: number;
    max: number;
    /** Frames that took longer than 50 ms. */
    slow: number;
  }

  const longTasks: { start: number; duration: number }[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task timing in this browser: the list stays empty.
  }

  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

  const percentile = (sorted: number[], p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

  /** sigma's mouse layer (where its pointer handlers listen), its box and its centre. */
  function mouseLayer() {
    const layer = document.querySelector<HTMLCanvasElement>('canvas.sigma-mouse');
    if (!layer) throw new Error('no sigma mouse layer on the page');
    const box = layer.getBoundingClientRect();
    return { layer, box, cx: box.left + box.width / 2, cy: box.top + box.height / 2 };
  }

  /** Where a page draws its nodes, when it says so: the explorer's read-only canvas inspector. */
  interface NodeMap {
    shown(): string[];
    point(node: string): { x: number; y: number } | null;
    drawn(node: string): { size: number } | null;
  }

  /**
   * The point nearest (cx, cy), within `reach` px of it, at least 2 px clear of every node drawn
   * (client pixels), from a 2 px grid of the blocked cells; (cx, cy) when the page does not say
   * where its nodes are. Throws when no point is clear: a press on a node would not pan.
   */
  function backgroundPoint(cx: number, cy: number, reach: number): { x: number; y: number } {
    const nodes = (window as unknown as { explorerCanvas?: NodeMap }).explorerCanvas;
    if (!nodes) return { x: cx, y: cy };
    const cell = 2;
    const blocked = new Set<string>();
    for (const node of nodes.shown()) {
      const at = nodes.point(node);
      const size = nodes.drawn(node)?.size ?? 0;
      if (!at || Math.abs(at.x - cx) > reach + 2 * size + 10 || Math.abs(at.y - cy) > reach + 2 * size + 10)
        continue;
      const clear = (size + 2) / cell;
      const [i0, j0] = [at.x / cell, at.y / cell];
      for (let i = Math.floor(i0 - clear); i <= Math.ceil(i0 + clear); i++)
        for (let j = Math.floor(j0 - clear); j <= Math.ceil(j0 + clear); j++)
          if ((i - i0) ** 2 + (j - j0) ** 2 <= clear ** 2) blocked.add(`${i},${j}`);
    }
    let best: { x: number; y: number; d: number } | null = null;
    for (let dx = -reach; dx <= reach; dx += cell)
      for (let dy = -reach; dy <= reach; dy += cell) {
        const [x, y] = [cx + dx, cy + dy];
        const d = dx * dx + dy * dy;
        if (d > reach * reach || (best && d >= best.d)) continue;
        if (!blocked.has(`${Math.round(x / cell)},${Math.round(y / cell)}`)) best = { x, y, d };
      }
    if (!best) throw new Error(`no background within ${reach} px of the stage's centre to start a pan on`);
    return best;
  }

  async function animate(durationMs = 3000): Promise<FrameStats> {
    const { layer, box, cx: midX, cy: midY } = mouseLayer();
    const radius = Math.min(150, box.width / 4, box.height / 4);
    const press = backgroundPoint(midX, midY, Math.min(box.width, box.height) / 2 - 20);
    const [cx, cy] = [press.x, press.y];
    const mouse = (type: 'mousedown' | 'mousemove' | 'mouseup', x: number, y: number) =>
      (type === 'mousedown' ? layer : document.documentElement).dispatchEvent(
        new MouseEvent(type, {
          clientX: x,
          clientY: y,
          button: 0,
          buttons: type === 'mouseup' ? 0 : 1,
          bubbles: true,
          cancelable: true,
          view: window,
        }),
      );
    const wheel = (deltaY: number) =>
      layer.dispatchEvent(
        new WheelEvent('wheel', {
          clientX: midX,
          clientY: midY,
          deltaY,
          deltaMode: 0,
          bubbles: true,
          cancelable: true,
        }),
      );

    const panMs = durationMs / 2;
    const zoomInUntil = panMs + (durationMs - panMs) / 2;
    const stamps: number[] = [];
    let dragging = true;
    let lastWheel = -Infinity;
    const start = await frame();
    stamps.push(start);
    mouse('mousedown', cx, cy);
    for (;;) {
      const now = await frame();
      stamps.push(now);
      const t = now - start;
      if (t >= durationMs) break;
      if (t < panMs) {
        const angle = (2 * Math.PI * t) / panMs;
        mouse('mousemove', cx + radius * Math.sin(angle), cy - radius * (1 - Math.cos(angle)));
      } else {
        if (dragging) {
          mouse('mouseup', cx, cy);
          dragging = false;
        }
        if (t - lastWheel >= 150) {
          wheel(t < zoomInUntil ? -100 : 100);
          lastWheel = t;
        }
      }
    }
    if (dragging) mouse('mouseup', cx, cy);

    return stats(stamps);
  }

  async function hover(durationMs = 2000): Promise<FrameStats> {
    const { layer, box, cx, cy } = mouseLayer();
    const reach = Math.min(box.width, box.height) / 2 - 10;
    const stamps: number[] = [];
    const start = await frame();
    stamps.push(start);
    for (;;) {
      const now = await frame();
      stamps.push(now);
      const t = (now - start) / durationMs;
      if (t >= 1) break;
      const angle = t * 6 * 2 * Math.PI;
      layer.dispatchEvent(
        new MouseEvent('mousemove', {
          clientX: cx + reach * t * Math.cos(angle),
          clientY: cy + reach * t * Math.sin(angle),
          bubbles: true,
          cancelable: true,
          view: window,
        }),
      );
    }
    layer.dispatchEvent(new MouseEvent('mouseleave', { bubbles: false, view: window }));
    return stats(stamps);
  }

  function stats(stamps: number[]): FrameStats {
    const start = stamps[0]!;
    const intervals = stamps.slice(1).map((s, i) => s - stamps[i]!);
    const sorted = [...intervals].sort((a, b) => a - b);
    const seconds = (stamps[stamps.length - 1]! - start) / 1000;
    return {
      frames: intervals.length,
      seconds,
      fps: intervals.length / seconds,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1] ?? NaN,
      slow: intervals.filter((i) => i > 50).length,
    };
  }

  /** Long tasks that began before `until` (ms since navigation start): count and total ms. */
  function longTasksBefore(until: number): { count: number; ms: number } {
    const before = longTasks.filter((t) => t.start < until);
    return { count: before.length, ms: before.reduce((sum, t) => sum + t.duration, 0) };
  }

  Object.assign(window, { __bench: { animate, hover, longTasksBefore } });
})();
