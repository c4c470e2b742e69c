/**
 * One measured page load in a fresh browser context (empty cache and storage): the time from
 * navigation start to the page's "graph rendered" mark, where that time went (the /api/graph
 * response, long tasks), then the frame rate during page/drive.ts's hover sweep and during its
 * camera animation.
 */
import type { Browser } from 'playwright-core';

export type PageKind = 'explorer' | 'bare';

export const RENDER_MARK: Record<PageKind, string> = {
  explorer: 'explorer:graph-rendered',
  bare: 'bare:graph-rendered',
};

export const VIEWPORT = { width: 1366, height: 768 };

export interface Sample {
  /** Navigation start → the first frame with the whole graph drawn, ms. */
  renderMs: number;
  /** Navigation start → the last byte of /api/graph, ms. */
  graphMs: number;
  /** Long tasks (> 50 ms of main thread) before the render mark: their total, ms. */
  longTaskMs: number;
  /** During the camera animation. */
  fps: number;
  frameP95Ms: number;
  frameMaxMs: number;
  slowFrames: number;
  /** During the hover sweep. */
  hoverFps: number;
  hoverFrameP95Ms: number;
}

interface Timing {
  render: number;
  graph: number | null;
  longTasks: { count: number; ms: number };
}

interface FrameStats {
  fps: number;
  p95: number;
  max: number;
  slow: number;
}

export interface MeasureOptions {
  url: string;
  kind: PageKind;
  /** page/drive.ts as a plain script. */
  driver: string;
  animationMs: number;
  hoverMs: number;
  timeoutMs?: number;
}

export async function measurePage(browser: Browser, options: MeasureOptions): Promise<Sample> {
  const { url, kind, driver, animationMs, hoverMs, timeoutMs = 300_000 } = options;
  // The bench's own polling evaluates code in the page, which the explorer's CSP forbids to pages.
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'en-US',
    bypassCSP: true,
  });
  try {
    await context.addInitScript({ content: driver });
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const failed = new Promise<never>((_, reject) =>
      page.once('pageerror', (error) => reject(new Error(`${kind} page failed: ${error.message}`))),
    );
    failed.catch(() => undefined); // reported through the race below, or moot once the page is closed
    await page.goto(url);
    const mark = JSON.stringify(RENDER_MARK[kind]);
    // The mark carries its own timestamp: how often this polls does not change the measurement.
    await Promise.race([
      page.waitForFunction(`performance.getEntriesByName(${mark}).length > 0`, undefined, { polling: 100 }),
      failed,
    ]);
    const timing = await page.evaluate<Timing>(`(() => {
      const render = performance.getEntriesByName(${mark})[0].startTime;
      const graph = performance.getEntriesByType('resource')
        .find((r) => new URL(r.name).pathname === '/api/graph');
      return { render, graph: graph ? graph.responseEnd : null, longTasks: __bench.longTasksBefore(render) };
    })()`);
    // The sweep first, while the camera is where the page put it: the animation's end depends on timing.
    const hover = await page.evaluate<FrameStats>(`__bench.hover(${hoverMs})`);
    // Whatever the pointer's leaving set off (a highlight cleared late) is not the animation's cost.
    await page.waitForTimeout(500);
    const frames = await page.evaluate<FrameStats>(`__bench.animate(${animationMs})`);
    if (errors.length) throw new Error(`${kind} page failed: ${errors.join('; ')}`);
    return {
      renderMs: timing.render,
      graphMs: timing.graph ?? NaN,
      longTaskMs: timing.longTasks.ms,
      fps: frames.fps,
      frameP95Ms: frames.p95,
      frameMaxMs: frames.max,
      slowFrames: frames.slow,
      hoverFps: hover.fps,
      hoverFrameP95Ms: hover.p95,
    };
  } finally {
    await context.close();
  }
}

/** The explorer's drawing area at VIEWPORT, so the bare page can draw the same number of pixels. */
export async function explorerStage(
  browser: Browser,
  base: string,
): Promise<{ width: number; height: number }> {
  // The bench's own polling evaluates code in the page, which the explorer's CSP forbids to pages.
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'en-US',
    bypassCSP: true,
  });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const stage = page.locator('.stage__canvas[data-ready="true"]');
    await stage.waitFor({ timeout: 300_000 });
    const box = await stage.boundingBox();
    if (!box) throw new Error('the explorer has no stage');
    return { width: Math.round(box.width), height: Math.round(box.height) };
  } finally {
    await context.close();
  }
}
