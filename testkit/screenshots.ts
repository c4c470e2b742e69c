/**
 * README's screenshots, taken from a running explorer (`npm start` first) in Debian's Chromium:
 * `npm run screenshots [-- http://127.0.0.1:3000]` writes docs/screenshots/*.png. Each shot waits
 * for what it shows (the drawn graph, the table's rows, a result frame), never for a time.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { REPO_ROOT } from '../store/repo';

const OUT = path.join(REPO_ROOT, 'docs/screenshots');
const BRIDGE = encodeURIComponent('港珠澳大桥');

interface Shot {
  name: string;
  url: string;
  /** What must be on screen before the picture is taken: each selector's first match. */
  ready: string | string[];
  viewport?: { width: number; height: number };
}

const SHOTS: Shot[] = [
  {
    name: 'graph-bridge',
    url: `/?lang=en&node=${BRIDGE}`,
    ready: ['.stage__canvas[data-ready="true"] canvas', '.timeline__bar'],
  },
  {
    name: 'graph-zh-hant',
    url: `/?lang=zh-Hant&node=${BRIDGE}&depth=2&ego=${BRIDGE}`,
    ready: ['.stage__canvas[data-ready="true"] canvas', '.timeline__bar'],
  },
  { name: 'measures', url: '/?view=measures&lang=en', ready: '.measure-table tbody tr' },
  { name: 'overlaps', url: '/?view=overlaps&lang=en', ready: '.heatmap__cell' },
  {
    name: 'console',
    url: `/?view=cypher&lang=en&nq=measures-touching&p.name=${BRIDGE}&run=1`,
    ready: '.cypher-frame .result-table tbody tr',
  },
  { name: 'documents', url: '/?view=documents&lang=en', ready: '.doclist tbody tr' },
  {
    name: 'phone',
    url: `/?lang=zh-Hant&node=${BRIDGE}`,
    ready: ['.details[data-state="selected"]', '.timeline__bar'],
    viewport: { width: 390, height: 844 },
  },
];

async function take(page: Page, base: string, shot: Shot): Promise<string> {
  await page.setViewportSize(shot.viewport ?? { width: 1440, height: 900 });
  await page.goto(new URL(shot.url, base).toString());
  for (const ready of [shot.ready].flat()) await page.locator(ready).first().waitFor({ timeout: 60_000 });
  // Fonts drawn (CJK glyphs come from a web-safe stack; wait until the browser has them).
  await page.evaluate(
    () =>
      (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready,
  );
  const file = path.join(OUT, `${shot.name}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function main(): Promise<void> {
  const base = process.argv[2] ?? process.env.EXPLORER_URL ?? 'http://127.0.0.1:3000';
  const health = await fetch(new URL('/api/health', base)).catch((error: unknown) => error as Error);
  if (health instanceof Error || !health.ok)
    throw new Error(`No explorer answers at ${base} (start it with npm start, or pass its address)`);
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ locale: 'en-US', deviceScaleFactor: 1 });
    for (const shot of SHOTS) console.log(path.relative(REPO_ROOT, await take(page, base, shot)));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
