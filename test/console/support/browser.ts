import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { skipWithReason } from '../../support/skip-with-reason.js';

export const CHROMIUM = process.env.NTJP_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS_DIR = new URL('../../../test-results/console/', import.meta.url);

/** Skips the suite with a clear message where Debian's Chromium is not installed (CI installs it). */
export function skipWithoutChromium(suite: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set NTJP_CHROMIUM)`;
  console.log(`    skipped: ${reason}`);
  skipWithReason(suite, reason);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, no sandbox and no background traffic (only loopback is used). */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ntjp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-results/console/ for review (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR.pathname, `${name}.png`), fullPage: true });
}

/** Signs in on the console with the operator token and waits for the page it goes back to. */
export async function signIn(page: Page, base: string, token: string, back: string): Promise<void> {
  await page.goto(`${base}/console/sign-in?back=${back}`);
  await page.fill('input[name=token]', token);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(`${base}${back}`);
}
