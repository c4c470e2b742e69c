/**
 * The browser the tests and bench:client start (testkit/chromium.ts): its `--disable-features` keeps
 * every feature Playwright disables (Chromium honours only the last such switch), and a new browser
 * context no longer starts the address bar's WebUI popups beside the page under test.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, DISABLED_BROWSER_UI, launchChromium } from '../../testkit/chromium';
import { describeInChromium } from '../../testkit/explorer-session';

/** The features the last `--disable-features` of a command line names (the one Chromium applies). */
function disabledFeatures(argv: readonly string[]): string[] {
  const last = argv.filter((arg) => arg.startsWith('--disable-features=')).at(-1);
  return last ? last.slice('--disable-features='.length).split(',') : [];
}

/** The command line a Chromium launched by Playwright with `args` actually runs with. */
async function launchedCommandLine(args: string[]): Promise<string[]> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args });
  try {
    return readFileSync(`/proc/${server.process().pid}/cmdline`, 'utf8').split('\0');
  } finally {
    await server.close();
  }
}

describeInChromium('the test browser', () => {
  it("keeps every feature Playwright disables, and disables the address bar's WebUI popups", async () => {
    const playwrights = disabledFeatures(await launchedCommandLine(['--no-sandbox']));
    expect(playwrights.length).toBeGreaterThan(0);
    const applied = disabledFeatures(await launchedCommandLine(CHROMIUM_ARGS));
    expect(applied).toEqual(expect.arrayContaining([...playwrights, ...DISABLED_BROWSER_UI]));
  });

  it("starts no renderer for the address bar's popups when a context opens a page", async () => {
    const browser = await launchChromium();
    try {
      const tracing = await browser.newBrowserCDPSession();
      const events: { ph?: string; name?: string; args?: { name?: string } }[] = [];
      tracing.on('Tracing.dataCollected', ({ value }) => events.push(...(value as typeof events)));
      const complete = new Promise((resolve) => tracing.once('Tracing.tracingComplete', resolve));
      await tracing.send('Tracing.start', { traceConfig: { includedCategories: ['loading'] } });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto('data:text/html,<p>page under test</p>');
      await page.locator('p').waitFor();
      await context.close();
      await tracing.send('Tracing.end');
      await complete;
      const processes = events
        .filter((e) => e.ph === 'M' && e.name === 'process_name')
        .map((e) => e.args?.name ?? '');
      // The page's own renderer is there; no "WebUI Top Renderer" for the browser's chrome.
      expect(processes).toContain('Renderer');
      expect(processes.filter((name) => /webui/i.test(name))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
