import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { call, start, type Running } from './support.js';

/**
 * /docs had no content security policy. Now it has one that allows this origin only — scripts
 * from 'self', no 'unsafe-inline' nor 'unsafe-eval' — with the page's inline styles by hash; and
 * Swagger UI works under it in a real browser (no violation reported). Needs Chromium, as the
 * other browser tests (`apt-get install -y chromium`, or CHROMIUM_PATH).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const directives = (policy: string | null) =>
  Object.fromEntries((policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));

describe('/docs content security policy', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(() => running?.close());

  it('the page, its scripts and styles carry a policy of this origin only', async () => {
    for (const path of ['/docs', '/docs/', '/docs/swagger-ui-init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
      const answer = await call(running.url + path);
      expect([path, answer.status]).toEqual([path, 200]);
      const policy = directives(answer.headers.get('content-security-policy'));
      expect([path, policy['default-src'], policy['script-src'], policy['frame-ancestors'], policy['base-uri']]).toEqual([path, ["'none'"], ["'self'"], ["'none'"], ["'none'"]]);
      expect(answer.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:|https:/);
    }
    // The page's own inline styles, by hash.
    const page = directives((await call(`${running.url}/docs`)).headers.get('content-security-policy'));
    expect(page['style-src']).toEqual(["'self'", expect.stringMatching(/^'sha256-/), expect.stringMatching(/^'sha256-/), "'unsafe-hashes'", expect.stringMatching(/^'sha256-/)]);
  });

  it('the JSON document and the API are not affected', async () => {
    expect((await call(`${running.url}/docs-json`)).headers.get('content-security-policy')).toBeNull();
    expect((await call(`${running.url}/api/frameworks`)).headers.get('content-security-policy')).toBeNull();
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('Swagger UI renders every operation and calls the API, without a single violation', async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(running.url) && !request.url().startsWith('data:')) elsewhere.push(request.url());
      });
      await page.goto(`${running.url}/docs`);
      await page.waitForSelector('.opblock-tag', { timeout: 15_000 });
      // Open the list of frameworks, try it out, execute: the answer comes back through the policy's connect-src.
      await page.click('#operations-frameworks-ListFrameworksController_list .opblock-summary');
      await page.click('.try-out__btn');
      await page.click('.execute');
      await page.waitForSelector('.responses-wrapper .live-responses-table .response-col_status', { timeout: 15_000 });
      const status = await page.textContent('.live-responses-table .response .response-col_status');
      expect(status?.trim()).toBe('200');
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
      await page.close();
    }, 60_000);
  });
});
