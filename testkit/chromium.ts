/**
 * Debian's Chromium (or CHROMIUM_PATH) through playwright-core, as the browser tests start it: the
 * same executable and flags for tests/client/scale.browser.test.ts and bench/client.ts.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The features playwright-core disables with its own `--disable-features` switch (its
 * chromiumSwitches.ts). Chromium keeps only the LAST `--disable-features` on a command line, so
 * ours, which comes after Playwright's, must name these again or they would be enabled.
 * tests/testkit/chromium.browser.test.ts reads the switch Playwright passes and fails if one is missing.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Browser UI no test looks at: the window every new browser context opens loads its address bar's
 * two WebUI popups into a renderer of their own, ~150–200 ms of CPU that landed in the middle of the
 * page load under test (on two cores it slowed both bench:client pages by ~100 ms and made their
 * times swing by as much).
 */
export const DISABLED_BROWSER_UI = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...DISABLED_BROWSER_UI].join(',')}`,
];

export const haveChromium = existsSync(CHROMIUM);
/** Under CI a missing Chromium fails the run instead of skipping the browser tests. */
export const inCI = !!process.env.CI && process.env.CI !== 'false';

export const CHROMIUM_HINT = 'apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH';

export async function launchChromium(args: string[] = []): Promise<Browser> {
  if (!haveChromium) throw new Error(`No Chromium at ${CHROMIUM}: ${CHROMIUM_HINT}`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...args] });
}
