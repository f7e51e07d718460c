/**
 * Debian's Chromium, headless, driven by playwright-core: the status and chat pages tested as a
 * person uses them. No browser download: when /usr/bin/chromium is missing the test fails and
 * says how to install it (.ci/run installs it in CI).
 *
 *   const browser = await launchChromium();
 *   const page = await browser.newPage();
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this in CI).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
