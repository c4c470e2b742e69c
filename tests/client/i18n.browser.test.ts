/**
 * The three UI languages in Chromium (issue 17): the browser's language chooses 简体中文 (zh-CN) or
 * 繁體中文 (zh-TW), and the header's switch changes the whole UI, in the URL too.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../testkit/chromium';
import {
  describeInChromium,
  startExplorerSession,
  type ExplorerSession,
} from '../../testkit/explorer-session';

describeInChromium('the UI languages', () => {
  let session: ExplorerSession;
  let browser: Browser;

  beforeAll(async () => {
    session = await startExplorerSession();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await session?.close();
  });

  /** A page whose browser prefers `locale`, with its uncaught errors collected. */
  async function pageIn(locale: string) {
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page, errors };
  }

  it('opens in 简体中文 for a zh-CN browser and switches to English and 繁體中文', async () => {
    const { context, page, errors } = await pageIn('zh-CN');
    await page.goto(session.base);
    await page.locator('.stage__canvas[data-ready="true"] canvas').first().waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
    await expect(page.locator('.brand__title').innerText()).resolves.toBe('政策知识图谱');
    await expect(page.locator('.tabs__tab[data-view="graph"]').innerText()).resolves.toBe('关系图');
    await expect(page.title()).resolves.toBe('政策知识图谱');
    await page.screenshot({ path: 'test-results/screenshots/i18n-zh-Hans.png' });

    const select = page.locator('select[data-action="lang"]');
    await select.selectOption('en');
    await page.locator('.tabs__tab[data-view="graph"]', { hasText: 'Graph' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');

    await select.selectOption('zh-Hant');
    await page.locator('.tabs__tab[data-view="graph"]', { hasText: '關係圖' }).waitFor();
    await expect(page.locator('.brand__title').innerText()).resolves.toBe('政策知識圖譜');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh-Hant');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens in 繁體中文 for a zh-TW browser', async () => {
    const { context, page, errors } = await pageIn('zh-TW');
    await page.goto(session.base);
    await page.locator('.tabs__tab[data-view="graph"]', { hasText: '關係圖' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hant');
    await expect(page.locator('select[data-action="lang"]').inputValue()).resolves.toBe('zh-Hant');
    expect(errors).toEqual([]);
    await context.close();
  });
});
