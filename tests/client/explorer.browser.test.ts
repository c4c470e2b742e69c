/**
 * The explorer end to end: the real app (createApp, the test Neo4j, the seed ingested) in Debian's
 * Chromium driven by playwright-core. Screenshots of each main view go to test-results/screenshots/.
 * Without Chromium the suite is skipped on a developer's machine and FAILS under CI=true.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import {
  describeInChromium,
  LABELS,
  SCREENSHOTS,
  openGraph,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

describeInChromium('the explorer in Chromium', () => {
  let session: ExplorerSession;
  let base: string;
  let context: BrowserContext;
  let page: Page;

  const shot = (name: string) => session.shot(name);

  const open = (url: string) => openGraph(page, url);

  beforeAll(async () => {
    session = await startExplorerSession();
    ({ base, context, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session.pageErrors).toEqual([]);
  });

  it('renders the graph with a legend that lists every label', async () => {
    // The page preloads /api/graph while its script downloads; the app's request takes that response.
    const graphRequests: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (new URL(request.url()).pathname === '/api/graph') graphRequests.push(request.url());
    };
    page.on('request', onRequest);
    await open(`${base}/`);
    page.off('request', onRequest);
    expect(graphRequests).toHaveLength(1);
    await expect(
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname === '/api/graph')
          .map((e) => (e as unknown as { initiatorType: string }).initiatorType),
      ),
    ).resolves.toEqual(['link']);
    expect(await page.locator('.stage__canvas canvas').count()).toBeGreaterThan(0);
    await expect(page.locator('.status').isHidden()).resolves.toBe(true);
    for (const label of LABELS) await page.locator(`.legend [data-node="${label}"]`).waitFor();
    const legend = await page.locator('.legend').innerText();
    for (const name of [
      'Document',
      'Measure',
      'City',
      'Port',
      'Infrastructure',
      'Institution',
      'Policy',
      'Zone',
      'Event',
    ])
      expect(legend).toContain(name);
    // The seed is small enough to draw every relationship in its own look.
    await expect(page.locator('.legend__note--light').count()).resolves.toBe(0);
    // Every node of the graph is shown: nothing is filtered on a plain URL.
    const count = await page.locator('.filters__count').innerText();
    const [, visible, total] = /(\d+) of (\d+)/.exec(count) ?? [];
    expect(Number(total)).toBeGreaterThan(100);
    expect(visible).toBe(total);
    await shot('graph');
  });

  /**
   * Opens the graph in a fresh page that records, from sigma's first WebGL draw call on, what the
   * next frame (the one that shows it) holds, and which WebGL programs draw on each sigma layer.
   */
  async function openProbed() {
    const fresh = await context.newPage();
    await fresh.addInitScript({
      content: `(() => {
        const ids = new WeakMap();
        let programs = 0;
        const current = new WeakMap();
        window.programsByLayer = {};
        let drawn = false;
        const onDraw = (gl) => {
          const layer = gl.canvas.className;
          (window.programsByLayer[layer] ??= []).includes(current.get(gl)) ||
            window.programsByLayer[layer].push(current.get(gl));
          if (drawn) return;
          drawn = true;
          requestAnimationFrame(() => {
            window.firstFrame = {
              panels: document.querySelectorAll('#graph-panels > *').length,
              ready: document.querySelector('.stage__canvas')?.dataset.ready === 'true',
            };
          });
        };
        for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
          const useProgram = proto.useProgram;
          proto.useProgram = function (program) {
            if (program && !ids.has(program)) ids.set(program, programs++);
            current.set(this, program ? ids.get(program) : null);
            return useProgram.call(this, program);
          };
          for (const name of ['drawArrays', 'drawArraysInstanced', 'drawElements']) {
            const original = proto[name];
            if (typeof original !== 'function') continue;
            proto[name] = function (...args) {
              onDraw(this);
              return original.apply(this, args);
            };
          }
        }
      })()`,
    });
    await openGraph(fresh, `${base}/`);
    return fresh;
  }

  it('draws the graph before it builds the panels around it', async () => {
    const fresh = await openProbed();
    try {
      const first = await fresh.evaluate('window.firstFrame');
      expect(first).toEqual({ panels: 0, ready: false });
      // The panels follow, and only then does the canvas say it is ready.
      expect(await fresh.locator('#graph-panels > *').count()).toBeGreaterThanOrEqual(5);
      expect(await fresh.locator('.sidebar--right .details').count()).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("draws the seed's lines, arrows and curved arrows with one WebGL program", async () => {
    const fresh = await openProbed();
    try {
      // The seed has all three looks: HAS_MEASURE lines, MENTIONS arrows, LOCATED_IN curved arrows.
      const edges = await fresh.evaluate<
        { relationship: string; program: string; curved: boolean; arrow: boolean }[]
      >('window.explorerCanvas.edges()');
      const shapes = new Map(edges.map((e) => [e.relationship, e]));
      expect(shapes.get('HAS_MEASURE')).toMatchObject({ curved: false, arrow: false });
      expect(shapes.get('MENTIONS')).toMatchObject({ curved: false, arrow: true });
      expect(shapes.get('LOCATED_IN')).toMatchObject({ curved: true, arrow: true });
      expect(new Set(edges.map((e) => e.program)).size).toBe(1);
      const programs = await fresh.evaluate<Record<string, unknown[]>>('window.programsByLayer');
      // Each program is a pipeline the GPU builds before the first frame shows (~20 ms each where
      // WebGL runs on the CPU); sigma's own would be four here.
      expect(programs['sigma-edges']).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('search 港珠澳大桥 → the bridge, with measures 2, 16 and 51 and their mentions highlighted', async () => {
    await open(`${base}/`);
    await page.keyboard.press('/');
    await expect(
      page.locator('.search__input').evaluate((el) => el === el.ownerDocument.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.type('港珠澳大桥');
    const bridge = page.locator('.search__hit', { hasText: '港珠澳大橋' }).first();
    await bridge.waitFor();
    await shot('search');
    await bridge.click();

    await expect(page.locator('.details__name').innerText()).resolves.toBe('港珠澳大橋');
    const cards = page.locator('.details__body .measure-card');
    await cards.first().waitFor();
    const numbers = await cards.evaluateAll((els) =>
      els.map((el) => (el as { dataset?: { measureNumber?: string } }).dataset?.measureNumber),
    );
    expect(numbers).toEqual(expect.arrayContaining(['2', '16', '51']));
    for (const number of ['2', '16', '51']) {
      const marks = page.locator(`.measure-card[data-measure-number="${number}"] mark.mention--focus`);
      expect(await marks.count()).toBeGreaterThan(0);
      expect(await marks.first().innerText()).toContain('港珠澳大橋');
    }
    expect(page.url()).toContain(`node=${encodeURIComponent('港珠澳大桥')}`);
    await shot('details-entity');

    // A measure: its text with the mentions marked, its section and document.
    await page.locator('.measure-card[data-measure-number="2"] .measure-card__number').click();
    await expect(page.locator('.details__name').innerText()).resolves.toMatch(/2/);
    expect(await page.locator('.details__body mark.mention').count()).toBeGreaterThan(0);
    await shot('details-measure');

    await page.keyboard.press('Escape');
    await page.locator('.details[data-state="empty"]').waitFor();
  });

  it('reproduces the view from its URL (selection, ego view, filters)', async () => {
    await open(`${base}/?node=${encodeURIComponent('港珠澳大桥')}`);
    await expect(page.locator('.details__name').innerText()).resolves.toBe('港珠澳大橋');
    await page.locator('.ego [data-depth="1"]').click();
    await page.locator('.legend [data-node="Section"] input').uncheck();
    const url = page.url();
    expect(url).toMatch(/ego=/);
    expect(url).toMatch(/depth=1/);
    expect(url).toMatch(/types=/);
    const count = await page.locator('.filters__count').innerText();

    const again = await context.newPage();
    try {
      await again.goto(url);
      await again.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
      await expect(again.locator('.details__name').innerText()).resolves.toBe('港珠澳大橋');
      await expect(again.locator('.ego [data-depth="1"]').getAttribute('aria-pressed')).resolves.toBe('true');
      await expect(again.locator('.legend [data-node="Section"] input').isChecked()).resolves.toBe(false);
      await expect(again.locator('.filters__count').innerText()).resolves.toBe(count);
      await again.screenshot({ path: path.join(SCREENSHOTS, 'ego-view.png') });
    } finally {
      await again.close();
    }
  });

  it('exports the current view as a PNG image', async () => {
    await open(`${base}/`);
    await page.locator('[data-action="export"]').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-export="png"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const file = path.join(SCREENSHOTS, 'export.png');
    await download.saveAs(file);
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('switches the interface between English and Traditional Chinese', async () => {
    await open(`${base}/`);
    await expect(page.locator('.brand__title').innerText()).resolves.toBe('Policy graph explorer');
    await page.locator('[data-action="lang"]').selectOption('zh-Hant');
    await expect(page.locator('.brand__title').innerText()).resolves.toBe('政策知識圖譜');
    await expect(page.locator('.legend [data-node="Port"]').innerText()).resolves.toContain('口岸');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hant');
    await shot('graph-zh-Hant');
    // The choice survives a reload.
    await open(`${base}/`);
    await expect(page.locator('.brand__title').innerText()).resolves.toBe('政策知識圖譜');
    await page.locator('[data-action="lang"]').selectOption('en');
    await expect(page.locator('.brand__title').innerText()).resolves.toBe('Policy graph explorer');
  });
});
