/**
 * Debian's Chromium (or CHROMIUM_PATH) through playwright-core, as the browser tests start it: the
 * same executable and flags for tests/client/scale.browser.test.ts and bench/client.ts.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const haveChromium = existsSync(CHROMIUM);
/** Under CI a missing Chromium fails the run instead of skipping the browser tests. */
export const inCI = !!process.env.CI && process.env.CI !== 'false';

export const CHROMIUM_HINT = 'apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH';

export async function launchChromium(args: string[] = []): Promise<Browser> {
  if (!haveChromium) throw new Error(`No Chromium at ${CHROMIUM}: ${CHROMIUM_HINT}`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...args] });
}
