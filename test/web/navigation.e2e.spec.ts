/**
 * The address and the history in headless Chromium, on a desktop and on a phone: a bad address is
 * answered with a message that stays until the reader acts and says what is shown instead; each
 * change of view is one history entry, and Back and Forward show the view their address names.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { ARTIFACTS, openAt, setDate, shown, SLOW, startHarness, urlParams, VIEWPORTS, type Harness } from './support/harness.js';

describe.each(VIEWPORTS)('the address and the history on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
  }, SLOW);
  afterAll(() => harness?.close());

  /** Everything the page loads for a view is there: state, timeline, and the diff when the address asks for one. */
  async function settled(at: string, knownAt = '') {
    await shown(page, at, knownAt);
    if (urlParams(page).has('from')) await page.waitForSelector('#diff-result[aria-busy="false"]');
  }

  it.each([
    ['?framework=cccs13&at=2007-13-45', '« 2007-13-45 »'],
    ['?framework=cccs13&at=hier', '« hier »'],
    ['?framework=cccs13&knownAt=pas-une-date', '« pas-une-date »'],
    ['?framework=inconnu', '« inconnu »'],
    ['?framework=cccs13&at=2007-06-30&from=2007-01-01&to=2006-01-01', '« 2007-01-01 → 2006-01-01 »'],
  ])(
    '%s: the message stays once everything is loaded, names the fault and the date shown instead',
    async (query, fault) => {
      await page.goto(`${harness.base}/${query}`);
      const at = query.includes('at=2007-06-30') ? '2007-06-30' : '2017-12-31';
      await settled(at);
      const message = page.locator('#message');
      expect(await message.isVisible()).toBe(true);
      // Where the reader looks first: at the top of the page, in the first screen.
      const box = (await message.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      const text = (await page.textContent('#message-text'))!;
      expect(text).toContain(fr(fault));
      expect(text).toContain(at === '2017-12-31' ? '31 décembre 2017' : '30 juin 2007');
      // The address says what is shown (corrected in place, without a new history entry).
      expect(urlParams(page).get('at')).toBe(at);
      expect(urlParams(page).get('framework')).toBe('cccs13');
      await page.screenshot({ path: join(ARTIFACTS, `message-${name}-${query.replace(/[^a-z0-9]+/gi, '-')}.png`) });
      // It goes when the reader acts.
      await setDate(page, '2005-06-30');
      expect(await message.isVisible()).toBe(false);
    },
    SLOW,
  );

  it(
    'the message can be closed',
    async () => {
      await page.goto(`${harness.base}/?framework=cccs13&at=hier`);
      await settled('2017-12-31');
      await page.click('#message-close');
      expect(await page.isVisible('#message')).toBe(false);
      expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('date');
    },
    SLOW,
  );

  it(
    'Back and Forward go through the views, the address and the state always at the same date',
    async () => {
      const tab = await harness.open(viewport);
      const fresh = page;
      page = tab;
      try {
        await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
        await page.click('nav a[href="#frise"]');
        expect(new URL(page.url()).hash).toBe('#frise');
        const target = page.locator('#timeline [data-kind="convention"][data-id="cc-2008"][data-segment="term"]');
        await target.scrollIntoViewIfNeeded();
        await target.click();
        await settled('2008-01-01');
        await setDate(page, '1995-01-01');
        await page.fill('#known-at', '2020-01-01T00:00:00');
        await settled('1995-01-01', '2020-01-01T00:00:00Z');

        await page.goBack();
        await settled('1995-01-01');
        expect(urlParams(page).has('knownAt')).toBe(false);
        expect(await page.inputValue('#known-at')).toBe('');
        await page.goBack();
        await settled('2008-01-01');
        expect(urlParams(page).get('at')).toBe('2008-01-01');
        expect(await page.inputValue('#date')).toBe('2008-01-01');
        await page.goBack();
        await settled('2007-06-30');
        expect(urlParams(page).get('at')).toBe('2007-06-30');
        expect(new URL(page.url()).hash).toBe('#frise');
        await page.goBack();
        // The first view: still this page, at the same date.
        await settled('2007-06-30');
        expect(new URL(page.url()).pathname).toBe('/');
        expect(urlParams(page).get('at')).toBe('2007-06-30');

        await page.goForward();
        await page.goForward();
        await settled('2008-01-01');
        expect(urlParams(page).get('at')).toBe('2008-01-01');
        expect(await page.inputValue('#date-slider')).toBe(String(Date.UTC(2008, 0, 1) / 86_400_000));
      } finally {
        await tab.context().close();
        page = fresh;
      }
    },
    SLOW,
  );

  it(
    'the diff dates and the slider are views too: one entry each, restored by Back',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await page.fill('#diff-from', '2001-01-01');
      await page.fill('#diff-to', '2003-01-01');
      await page.click('#diff-submit');
      await page.waitForSelector('#diff-result[data-from="2001-01-01"][data-to="2003-01-01"][aria-busy="false"]');
      expect(urlParams(page).get('from')).toBe('2001-01-01');
      await page.focus('#date-slider');
      await page.keyboard.press('PageUp');
      await settled('2008-06-30');
      await page.goBack();
      await settled('2007-06-30');
      expect(urlParams(page).get('from')).toBe('2001-01-01');
      await page.goBack();
      await page.waitForSelector('#diff-result[data-from="2005-06-30"][data-to="2007-06-30"][aria-busy="false"]');
      expect(urlParams(page).has('from')).toBe(false);
      expect(await page.inputValue('#diff-from')).toBe('2005-06-30');
    },
    SLOW,
  );

  it('loaded nothing from elsewhere and logged no error', () => {
    expect(harness.elsewhere).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
