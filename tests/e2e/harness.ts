/**
 * A small test runner for the browser tests: named tests run in order against one Chromium, each on
 * a fresh page of the app, with a screenshot on failure. We keep our own instead of @playwright/test
 * because that one downloads its own browsers; here the browser is Debian's Chromium.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface E2eContext {
  baseUrl: string;
  /** Where screenshots go (test-results/e2e). */
  outDir: string;
  /** The shared data folder (../shared from the repository root). */
  sharedDir: string;
  /** A fresh page with the app loaded and its worklist shown. */
  openApp(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
}

export interface E2eTest {
  name: string;
  run(context: E2eContext): Promise<void>;
}

const tests: E2eTest[] = [];

export function test(name: string, run: (context: E2eContext) => Promise<void>): void {
  tests.push({ name, run });
}

export class AssertionFailure extends Error {
  override readonly name = 'AssertionFailure';
}

export function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new AssertionFailure(message);
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new AssertionFailure(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

export function expectClose(actual: number, expected: number, tolerance: number, what: string): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new AssertionFailure(`${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

export async function launchChromium(executablePath: string): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ecg-desk-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1680, height: 1050 },
    deviceScaleFactor: 1,
  });
  // tsx compiles with esbuild's keepNames, which wraps named functions in __name(); functions sent to
  // page.evaluate carry those calls into the page, so the page needs a no-op __name.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return context;
}

export interface E2eRunResult {
  passed: number;
  failed: number;
}

export async function runTests(options: {
  baseUrl: string;
  outDir: string;
  sharedDir: string;
  executablePath: string;
  log: (line: string) => void;
}): Promise<E2eRunResult> {
  const browser = await launchChromium(options.executablePath);
  const pages: Page[] = [];
  const context: E2eContext = {
    baseUrl: options.baseUrl,
    outDir: options.outDir,
    sharedDir: options.sharedDir,
    async openApp() {
      const page = await browser.newPage();
      pages.push(page);
      page.on('pageerror', (error) => options.log(`    page error: ${error.message}`));
      await page.goto(options.baseUrl);
      await page.waitForSelector('[data-testid="worklist"]');
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(options.outDir, `${name}.png`) });
    },
  };
  let passed = 0;
  let failed = 0;
  try {
    for (const t of tests) {
      const started = performance.now();
      try {
        await t.run(context);
        passed++;
        options.log(`  ✓ ${t.name} (${Math.round(performance.now() - started)} ms)`);
      } catch (error) {
        failed++;
        options.log(`  ✗ ${t.name}\n    ${(error as Error).stack ?? String(error)}`);
        const page = pages.at(-1);
        if (page && !page.isClosed()) {
          const safe = t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
          await page.screenshot({ path: join(options.outDir, `FAILED-${safe}.png`) }).catch(() => undefined);
        }
      } finally {
        for (const page of pages.splice(0)) await page.close().catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
  }
  return { passed, failed };
}
