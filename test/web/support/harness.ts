/**
 * The service on a free port with a fresh DATA_DIR (the CCCS13 history loaded), and a real headless
 * Chromium (playwright-core) to open the page in, on a desktop (1366×900) or a phone (390×844).
 * Needs Chromium (`apt-get install -y chromium`, or CHROMIUM_PATH): without it these tests fail, they
 * are never skipped. Screenshots go to test-artifacts/ at the project root.
 */
import type { INestApplication } from '@nestjs/common';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../../src/platform/config/app-config.js';
import { createHttpApp } from '../../../src/http-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts');
export const TOKEN = 'secretariat-token-0123456789';
/** A token that may record facts but not correct or retract them (not an admin). */
export const RECORDER_TOKEN = 'greffe-token-0123456789abc';
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const VIEWPORTS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;
/** Browser tests wait for a real service and a real browser on a shared machine. */
export const SLOW = 120_000;

export interface Harness {
  base: string;
  /** Errors the pages logged, and requests they made to another origin. */
  pageErrors: string[];
  elsewhere: string[];
  /** Answers of the service with a status of 400 or more (`401 POST /api/frameworks/cccs13/events?dryRun=true`): each test says which it expects. */
  refusals: string[];
  open(viewport: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** `settings`: more of the service's configuration (environment variables), for the tests that need it. */
export async function startHarness(settings: Record<string, string> = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests need a real Chromium. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'governance-browser-'));
  // API_ADMINS: some tests record a correction (an admin's write).
  const app: INestApplication = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN},greffe=${RECORDER_TOKEN}`, API_ADMINS: 'secretariat', ...settings }), {
    logger: false,
  });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=fr-FR'],
  });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const elsewhere: string[] = [];
  const refusals: string[] = [];
  return {
    base,
    pageErrors,
    elsewhere,
    refusals,
    async open(viewport) {
      const phone = viewport.width < 500;
      const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', isMobile: phone, hasTouch: phone });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Chromium logs every answer of 400 or more as an error: those are the refusals, checked apart.
        if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of \d+/.test(message.text())) {
          pageErrors.push(`console: ${message.text()}`);
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 400) refusals.push(`${response.status()} ${response.request().method()} ${response.url().replace(base, '')}`);
      });
      page.on('request', (req) => {
        const url = req.url();
        if (!url.startsWith(base) && !url.startsWith('data:')) elsewhere.push(url);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the state shows `at` (as known at `knownAt`, which the API answers with milliseconds) and the timeline is drawn. */
export async function shown(page: Page, at: string, knownAt = ''): Promise<void> {
  const canonical = knownAt ? new Date(knownAt).toISOString() : '';
  await page.waitForSelector(`#etat[aria-busy="false"][data-at="${at}"][data-known-at="${canonical}"]`);
  await page.waitForSelector('#timeline[data-ready="true"]');
}
export async function openAt(page: Page, base: string, query: string, at: string, knownAt = ''): Promise<void> {
  await page.goto(`${base}/${query}`);
  await shown(page, at, knownAt);
}
/** Opens a view of the page shown in place of the state (`panel=record`, `item=…`) and waits for its section. */
export async function openView(page: Page, base: string, query: string, section: 'enregistrer' | 'creer' | 'versions' | 'verifier'): Promise<void> {
  await page.goto(`${base}/${query}`);
  await page.waitForSelector(`#${section}:not([hidden])`);
  await page.waitForSelector('#timeline[data-ready="true"]', { state: 'attached' });
}
/** The differences are loaded when the reader comes near them: scrolls there and waits for them. */
export async function diffShown(page: Page): Promise<void> {
  await page.locator('#differences').scrollIntoViewIfNeeded();
  await page.waitForSelector('#diff-result[aria-busy="false"]');
}
/** The audit log is loaded when the reader comes near it: goes there and waits for it. */
export async function auditShown(page: Page): Promise<void> {
  await page.locator('#journal').scrollIntoViewIfNeeded();
  await page.waitForSelector('#audit[data-ready="true"]');
}
export async function setDate(page: Page, at: string, knownAt = ''): Promise<void> {
  await page.fill('#date', at);
  await shown(page, at, knownAt);
}
export const urlParams = (page: Page): URLSearchParams => new URL(page.url()).searchParams;
export const screenshot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });

/**
 * axe-core, from the project's node_modules (or AXE_CORE_PATH). It is a development dependency of
 * the accessibility tests: without it they fail, saying so.
 */
export function axeSource(): string {
  let path = process.env.AXE_CORE_PATH;
  if (!path) {
    try {
      path = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    } catch {
      throw new Error('axe-core is not installed: the accessibility tests need it (npm install --save-dev axe-core, or set AXE_CORE_PATH).');
    }
  }
  return readFileSync(path, 'utf8');
}
