/**
 * What the first view costs, measured in headless Chromium with the performance API (Navigation
 * and Resource Timing: bytes transferred, headers included), on a desktop and on a phone, with an
 * empty cache: the page at 2007-06-30 in at most 5 requests and 150 kB. Then what a second visit
 * and another date cost.
 */
import type { Page } from 'playwright-core';
import { setDate, shown, SLOW, startHarness, VIEWPORTS, type Harness } from './support/harness.js';

/** The same view before this round, measured the same way: one request per module, ~24 state requests for the timeline, nothing compressed. */
const BEFORE = { requests: 52, bytes: 240_737 };
const ADDRESS = '/?framework=cccs13&at=2007-06-30';

interface Cost {
  requests: number;
  bytes: number;
  resources: { path: string; transferSize: number; encodedBodySize: number; decodedBodySize: number }[];
}

function cost(page: Page): Promise<Cost> {
  return page.evaluate(() => {
    const perf = (globalThis as unknown as { performance: { getEntriesByType(t: string): { name: string; transferSize: number; encodedBodySize: number; decodedBodySize: number }[] } }).performance;
    const [navigation] = perf.getEntriesByType('navigation');
    const resources = perf.getEntriesByType('resource').map((r) => ({
      path: new URL(r.name).pathname,
      transferSize: r.transferSize,
      encodedBodySize: r.encodedBodySize,
      decodedBodySize: r.decodedBodySize,
    }));
    return { requests: 1 + resources.length, bytes: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0), resources };
  });
}

describe.each(VIEWPORTS)('the first view on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    `shows the state at 2007-06-30 and its timeline in at most 5 requests and 150 kB (before: ${BEFORE.requests} requests, ${BEFORE.bytes} bytes)`,
    async () => {
      await page.goto(`${harness.base}${ADDRESS}`);
      await shown(page, '2007-06-30');
      await page.waitForLoadState('networkidle');
      const first = await cost(page);
      console.log(`first view at 2007-06-30 on a ${name}: ${first.requests} requests, ${first.bytes} bytes transferred (before: ${BEFORE.requests} requests, ${BEFORE.bytes} bytes)\n${first.resources.map((r) => `  ${r.path}: ${r.transferSize} bytes (${r.decodedBodySize} decoded)`).join('\n')}`);
      expect(first.requests).toBeLessThanOrEqual(5);
      expect(first.bytes).toBeLessThanOrEqual(150_000);
      expect(first.resources.map((r) => r.path)).toEqual(['/assets/styles/page.css', '/assets/js/main.js', '/api/frameworks', '/api/frameworks/cccs13/items']);
      // The script and the items' versions come compressed.
      for (const path of ['/assets/js/main.js', '/api/frameworks/cccs13/items']) {
        const r = first.resources.find((x) => x.path === path)!;
        expect(r.encodedBodySize * 3).toBeLessThan(r.decodedBodySize);
      }
      // The page shows everything a first view shows: the state and the whole timeline.
      expect(await page.locator('#liste-parties > li[data-id]').count()).toBe(14);
      expect(await page.locator('#timeline .el').count()).toBeGreaterThan(40);
    },
    SLOW,
  );

  it(
    'shows another date without any request, and a second visit costs revalidations only (304, no body)',
    async () => {
      const before = (await cost(page)).requests;
      await setDate(page, '1995-01-01');
      expect((await cost(page)).requests).toBe(before);
      await page.goto(`${harness.base}${ADDRESS}`);
      await shown(page, '2007-06-30');
      await page.waitForLoadState('networkidle');
      const again = await cost(page);
      console.log(`second visit on a ${name}: ${again.requests} requests, ${again.bytes} bytes transferred`);
      expect(again.requests).toBeLessThanOrEqual(5);
      // Each answer is a 304: only its headers cross the network.
      for (const r of again.resources) expect({ path: r.path, headersOnly: r.transferSize < 1_000 }).toEqual({ path: r.path, headersOnly: true });
      expect(again.bytes).toBeLessThan(8_000);
    },
    SLOW,
  );

  it('logged no error and was never refused', () => {
    expect(harness.pageErrors).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
