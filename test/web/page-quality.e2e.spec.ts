/**
 * The page as a whole in headless Chromium, on a desktop and on a phone: French typography in
 * every text, page heights (signatories listed once, no gaps), a live region that announces one
 * line, contrast, no violation found by axe-core on any view, nothing loaded from elsewhere.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { axeViolations, boxes, liveRegions, pageHeight, pageTexts } from './support/in-page.js';
import { ARTIFACTS, auditShown, axeSource, diffShown, openAt, openView, shown, SLOW, startHarness, VIEWPORTS, type Harness } from './support/harness.js';

declare const document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): Iterable<{ open: boolean }> };
declare const window: { innerWidth: number };

/** Heights of the page at 2007-06-30 before this layout (signatories listed twice, a three-column grid). */
const HEIGHT_BEFORE = { desktop: 11_709, phone: 21_523 };
/**
 * At most, now that every item carries its evidence badge (« déduit · attesté jusqu’au … », a line of
 * its own on a phone) and the record three more facts and one more contradiction: measured 8,261 and
 * 17,364 px; still about a quarter shorter than before on a desktop, a fifth on a phone.
 */
const HEIGHT_AT_MOST = { desktop: 8_600, phone: 17_800 };

describe.each(VIEWPORTS)('the page on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
  }, SLOW);
  afterAll(() => harness?.close());

  const openAll = () => page.$$eval('details', (els) => els.forEach((el) => ((el as unknown as { open: boolean }).open = true)));

  it(
    'writes every text in French typography: one apostrophe, « 1er », « 1re », no-break spaces in « » and before : ; ! ?',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30&from=2005-06-30&to=2007-06-30', '2007-06-30');
      await page.waitForSelector('#diff-result[aria-busy="false"]');
      await openAll();
      const texts = [...(await pageTexts(page))];
      await openAt(page, harness.base, '?framework=cccs13&at=2000-06-30&knownAt=2099-01-01T00:00:00Z', '2000-06-30', '2099-01-01T00:00:00Z');
      await openAll();
      texts.push(...(await pageTexts(page)));
      const faults = texts.flatMap((text) => {
        const found: string[] = [];
        if (text.includes("'")) found.push('straight apostrophe');
        if (/«(?!\u202F)|(?<!\u202F)»/.test(text)) found.push('guillemet without a narrow no-break space');
        if (/[ \t\n][:;!?]/.test(text)) found.push('breaking space before : ; ! ?');
        if (/(?<![\p{L}\p{N}])1(ère|ere)(?!\p{L})/u.test(text)) found.push('1ère');
        if (/(?<![\p{L}\p{N}])1[ \u00A0](janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)/u.test(text)) found.push('1 (not 1er)');
        return found.map((fault) => `${fault}: ${JSON.stringify(text.slice(0, 80))}`);
      });
      expect(faults).toEqual([]);
      const all = texts.join('\n');
      expect(all).toContain(fr('Vitrolles rejoint la Convention cadre 2003 - 2005'));
      expect(all).toContain('1re Convention cadre départementale');
      expect(all).toContain('1er janvier 2003');
    },
    SLOW,
  );

  it(
    'is far shorter than before: each signatory listed once, the lists in balanced columns without gaps',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      // Everything the page shows, the differences and the audit log included (they load when reached).
      await diffShown(page);
      await auditShown(page);
      const height = await pageHeight(page);
      console.log(`page height at 2007-06-30 on a ${name}: ${height} px (before: ${HEIGHT_BEFORE[name]} px)`);
      expect(height).toBeLessThanOrEqual(HEIGHT_AT_MOST[name]);
      // No gap in a column of lists: each column runs down to the bottom of the block, less one item at most.
      const container = (await boxes(page, '.state-columns'))[0];
      const parts = await boxes(page, '.state-columns h3, .state-columns .items > li');
      const tallest = Math.max(...parts.map((p) => p.height));
      const columns = new Map<number, typeof parts>();
      for (const p of parts) columns.set(Math.round(p.left), [...(columns.get(Math.round(p.left)) ?? []), p]);
      for (const column of columns.values()) {
        column.sort((a, b) => a.top - b.top);
        for (let i = 1; i < column.length; i++) expect(column[i].top - column[i - 1].bottom).toBeLessThanOrEqual(40);
        expect(container.bottom - column[column.length - 1].bottom).toBeLessThanOrEqual(tallest + 40);
      }
      await page.screenshot({ path: join(ARTIFACTS, `page-2007-06-30-${name}.png`), fullPage: true });
    },
    SLOW,
  );

  it(
    'announces one line when the state changes (the lists themselves are not a live region)',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      expect(await page.getAttribute('#etat', 'aria-live')).toBeNull();
      const state = (await (await fetch(`${harness.base}/api/frameworks/cccs13/state?at=2007-06-30`)).json()) as Record<string, unknown[]>;
      const n = (k: string, one: string, many: string, none: string) => (state[k].length === 0 ? none : `${state[k].length} ${state[k].length > 1 ? many : one}`);
      const summary = fr(
        `État au 30 juin 2007 : ${n('conventions', 'convention en vigueur', 'conventions en vigueur', 'aucune convention en vigueur')}, ` +
          `${n('parties', 'signataire', 'signataires', 'aucun signataire')}, ${n('missions', 'mission d’appui', 'missions d’appui', 'aucune mission d’appui')}, ` +
          `${n('instruments', 'instrument', 'instruments', 'aucun instrument')}, ${n('bodies', 'instance', 'instances', 'aucune instance')}.`,
      );
      expect(summary).toContain('14 signataires');
      expect(await page.textContent('#etat-resume')).toBe(summary);
      await page.focus('#date-slider');
      await page.keyboard.press('ArrowRight');
      await shown(page, '2007-07-01');
      expect(await page.textContent('#etat-resume')).toBe(summary.replace('30 juin', '1er juillet'));
      for (const region of await liveRegions(page)) expect({ id: region.id, length: region.text.length < 200 }).toEqual({ id: region.id, length: true });
    },
    SLOW,
  );

  it(
    'stacks everything on a narrow screen without a horizontal scroll of the page',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      const sections = await boxes(page, 'main > section:not([hidden]):not(.print-only)');
      for (let i = 1; i < sections.length; i++) expect(sections[i].top).toBeGreaterThanOrEqual(sections[i - 1].bottom);
      for (const box of sections) expect(box.right).toBeLessThanOrEqual(viewport.width);
      if (viewport.width < 500) {
        const lefts = new Set((await boxes(page, '.state-block')).map((b) => Math.round(b.left)));
        expect(lefts.size).toBe(1);
      }
    },
    SLOW,
  );

  it(
    'every text has a contrast of at least 4.5:1 with its background',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30&from=2005-06-30&to=2007-06-30', '2007-06-30');
      await page.waitForSelector('#diff-result[aria-busy="false"]');
      await openAll();
      const violations = (await axeViolations(page, axeSource())).filter((v) => v.startsWith('color-contrast'));
      expect(violations).toEqual([]);
      // The labels of the timeline, drawn on white (axe does not measure SVG text).
      const fills = await page.$$eval('#timeline svg text:not(.bar-text)', (els) =>
        els.map((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el).fill),
      );
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+/g) ?? []).slice(0, 3).map((v) => {
          const s = Number(v) / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      for (const fill of new Set(fills)) expect(1.05 / (lum(fill) + 0.05)).toBeGreaterThanOrEqual(4.5);
    },
    SLOW,
  );

  it(
    'has no violation found by axe-core on any view',
    async () => {
      const axe = axeSource();
      const views: [string, () => Promise<void>][] = [
        ['default', async () => void (await page.goto(`${harness.base}/`), await page.waitForSelector('#etat[aria-busy="false"][data-at]'))],
        ['2007 with sources open', async () => (await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30'), await openAll())],
        [
          'known at 2020 (nothing recorded yet: the banner says so)',
          async () => {
            await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30&knownAt=2020-01-01T00:00:00Z', '2007-06-30', '2020-01-01T00:00:00Z');
            await page.waitForSelector('#horizon[data-state="outside"] .horizon-banner');
          },
        ],
        [
          'outside the horizon, every evidence badge open',
          async () => {
            await openAt(page, harness.base, '?framework=cccs13&at=2030-01-01', '2030-01-01');
            await page.waitForSelector('#horizon[data-state="outside"] .horizon-banner');
            await page.$$eval('#etat details.evidence', (els) => els.forEach((el) => ((el as unknown as { open: boolean }).open = true)));
          },
        ],
        [
          'diff',
          async () => {
            await openAt(page, harness.base, '?framework=cccs13&at=2013-06-30&from=2005-06-30&to=2013-06-30', '2013-06-30');
            await page.waitForSelector('#diff-result[aria-busy="false"]');
          },
        ],
        ['bad address', () => openAt(page, harness.base, '?framework=cccs13&at=hier', '2017-12-31')],
        [
          'timeline focused',
          async () => {
            await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
            await page.locator('#timeline [tabindex="0"]').focus();
          },
        ],
        ['audit filtered', async () => void (await auditShown(page), await page.selectOption('#audit-type', 'PartyJoined'))],
        [
          'versions of a convention',
          async () => {
            await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&item=convention:cc-2003', 'versions');
            await page.waitForSelector('#versions-contenu[aria-busy="false"] .version');
            await page.$$eval('#versions details', (els) => els.forEach((el) => ((el as unknown as { open: boolean }).open = true)));
          },
        ],
        [
          'versions of a party',
          async () => {
            await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&item=party:vitrolles', 'versions');
            await page.waitForSelector('#versions-contenu[aria-busy="false"] .version');
          },
        ],
        ['sign-in', async () => void (await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&panel=record', 'enregistrer'), await page.waitForSelector('#signin-token'))],
        [
          'sign-in refused',
          async () => {
            await page.fill('#signin-token', 'not-a-token-of-this-service');
            await page.click('#signin-submit');
            await page.waitForSelector('#signin-erreur:not([hidden])');
          },
        ],
        ['create a framework (signed out)', async () => void (await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&panel=framework', 'creer'), await page.waitForSelector('#creer-contenu .message'))],
        [
          'printed',
          async () => {
            await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
            await page.emulateMedia({ media: 'print' });
          },
        ],
      ];
      const found: string[] = [];
      for (const [view, show] of views) {
        await show();
        found.push(...(await axeViolations(page, axe)).map((v) => `${view}: ${v}`));
      }
      await page.emulateMedia({ media: 'screen' });
      expect(found).toEqual([]);
      // The views with a form (recording, a refusal, a preview, a correction) are checked where they are reached: recording.e2e, amend.e2e.
    },
    SLOW,
  );

  it('is in French, loaded nothing from elsewhere and logged no error', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(harness.elsewhere).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.refusals).toEqual(['401 POST /api/frameworks/cccs13/events?dryRun=true']);
  });
});
