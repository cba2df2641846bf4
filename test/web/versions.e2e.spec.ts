/**
 * The versions of each item, as legislation sites show them, in headless Chromium on a desktop and
 * on a phone: each version « en vigueur du … au … » with the facts behind it and links to the
 * previous and next one, the terms of a convention at its signing and after its renewals side by
 * side, the state on a version's first day, « Modification précédente / suivante », Back and
 * Forward between these views. What the page shows is what `/items` answers.
 */
import type { Page } from 'playwright-core';
import { addDays, frDay } from '../../web/src/dates.js';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { axeViolations, boxes, focused } from './support/in-page.js';
import { axeSource, openAt, openView, shown, SLOW, startHarness, urlParams, VIEWPORTS, type Harness } from './support/harness.js';

interface Version {
  validFrom: string;
  validTo: string | null;
  changedBy: string[];
}
interface Items {
  items: { kind: string; id: string; name: string; versions: Version[] }[];
}

describe.each(VIEWPORTS)('the versions of an item on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;
  let items: Items;
  let history: { events: { eventId: string; label: string; summary: string; position: number }[] };
  const versionsOf = (kind: string, id: string) => items.items.find((i) => i.kind === kind && i.id === id)!.versions;
  const title = (v: Version, i: number, n: number) =>
    fr(`Version ${i + 1} sur ${n} : ${v.validTo === null ? `en vigueur depuis le ${frDay(v.validFrom)}` : `en vigueur du ${frDay(v.validFrom)} au ${frDay(addDays(v.validTo, -1))}`}`);
  const versionsShown = () => page.waitForSelector('#versions-contenu[aria-busy="false"] .version');

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
    items = (await (await fetch(`${harness.base}/api/frameworks/cccs13/items`)).json()) as Items;
    history = (await (await fetch(`${harness.base}/api/frameworks/cccs13/history`)).json()) as typeof history;
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    'opens the versions of a convention from the state: each « en vigueur du … au … » with the facts behind it, its terms side by side',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await page.click('#liste-conventions > li[data-id="cc-2003"] .versions-link');
      await versionsShown();
      expect(urlParams(page).get('item')).toBe('convention:cc-2003');
      expect((await focused(page))!.id).toBe('versions-titre');
      expect(await page.textContent('#versions-titre')).toBe(fr('Versions : Convention cadre 2003 - 2005'));
      const versions = versionsOf('convention', 'cc-2003');
      expect(versions).toHaveLength(3);
      expect(await page.$$eval('#versions .version-title', (els) => els.map((el) => el.textContent))).toEqual(versions.map((v, i) => title(v, i, versions.length)));
      // The facts behind each version, by the service's label and summary.
      for (const [i, v] of versions.entries()) {
        const shownFacts = await page.$$eval(`#version-${i + 1} .version-fact-list > li`, (els) => els.map((el) => [el.getAttribute('data-event-id'), el.textContent]));
        expect(shownFacts.map(([id]) => id)).toEqual(v.changedBy);
        for (const [id, text] of shownFacts) {
          const e = history.events.find((x) => x.eventId === id)!;
          expect(text).toContain(fr(`${e.label} : ${e.summary}`));
          expect(text).toContain(fr(`n° ${e.position} du journal d’audit`));
        }
      }
      expect(await page.textContent('#version-2 .version-fact-list')).toContain('Convention reconduite');
      // At its signing, and after its renewals and extensions, side by side.
      // The term as signed is stated by the source (● énoncé); the renewals say their own evidence.
      expect(await page.textContent('.term-signed .term-period')).toBe(fr('Du 1er janvier 2003 au 31 décembre 2005 (dates de la source : 2003 – 2005). ● énoncé'));
      expect(await page.textContent('.term-now .term-period')).toBe(fr('Du 1er janvier 2003 au 31 décembre 2007 (fin 2007).'));
      expect(await page.locator('.term-now .term-changes li').count()).toBe(2);
      const [signed, now] = await boxes(page, '.terms .term');
      expect(Math.abs(signed.top - now.top)).toBeLessThan(2);
      expect(now.left).toBeGreaterThan(signed.right - 1);
      // Each version links to the previous and the next.
      expect(await page.locator('#version-1 .version-prev').count()).toBe(0);
      await page.click('#version-1 .version-next');
      await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'version-2');
      expect(await page.getAttribute('#version-2 .version-prev', 'href')).toBe('#version-1');
      expect(await page.getAttribute('#version-2 .version-next', 'href')).toBe('#version-3');
      expect(await page.locator('#version-3 .version-next').count()).toBe(0);
      await page.$$eval('#versions details', (els) => els.forEach((el) => ((el as unknown as { open: boolean }).open = true)));
      expect(await axeViolations(page, axeSource())).toEqual([]);
      await page.locator('#versions').screenshot({ path: `test-artifacts/versions-cc-2003-${name}.png` });
    },
    SLOW,
  );

  it(
    'shows a party’s versions: every span it is bound, each with the facts behind its change',
    async () => {
      await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&item=party:vitrolles', 'versions');
      await versionsShown();
      const versions = versionsOf('party', 'vitrolles');
      expect(await page.locator('#versions .version').count()).toBe(versions.length);
      expect(await page.$$eval('#versions .version-title', (els) => els.map((el) => el.textContent))).toEqual(versions.map((v, i) => title(v, i, versions.length)));
      expect(await page.locator('#version-1 .version-fact-list > li').count()).toBe(versions[0].changedBy.length);
      expect(await page.locator('.terms').count()).toBe(0);
    },
    SLOW,
  );

  it(
    '« Afficher l’état au … » shows the state on a version’s first day; Back and Forward go between the versions and the state',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await page.click('#liste-conventions > li[data-id="cc-2003"] .versions-link');
      await versionsShown();
      await page.click('#version-2 .version-state');
      await shown(page, '2006-01-01');
      expect(urlParams(page).has('item')).toBe(false);
      // The state on that day is what the reader asked for: its heading takes the focus.
      expect((await focused(page))!.id).toBe('etat-titre');
      await page.goBack();
      await versionsShown();
      expect(urlParams(page).get('item')).toBe('convention:cc-2003');
      expect(await page.isVisible('#etat')).toBe(false);
      await page.goBack();
      await shown(page, '2007-06-30');
      expect(await page.isVisible('#versions')).toBe(false);
      // The focus returns to the link that opened the versions.
      const back = (await focused(page))!;
      expect(back.cls).toContain('versions-link');
      await page.goForward();
      await versionsShown();
      await page.goForward();
      await shown(page, '2006-01-01');
    },
    SLOW,
  );

  it(
    '« Modification précédente / suivante » step the date from change to change, over the whole history',
    async () => {
      const days = [...new Set(items.items.flatMap((i) => i.versions.flatMap((v) => [v.validFrom, ...(v.validTo ? [v.validTo] : [])])))].sort();
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      expect(await page.textContent('#change-next')).toContain('1er janvier 2008');
      await page.click('#change-next');
      await shown(page, '2008-01-01');
      await page.click('#change-prev');
      await shown(page, '2007-01-01');
      expect(urlParams(page).get('at')).toBe('2007-01-01');
      // From the first change to the last, one click each.
      await openAt(page, harness.base, `?framework=cccs13&at=${days[0]}`, days[0]);
      expect(await page.isDisabled('#change-prev')).toBe(true);
      for (const day of days.slice(1)) {
        await page.click('#change-next');
        await shown(page, day);
      }
      expect(await page.isDisabled('#change-next')).toBe(true);
      const [prev, next] = await boxes(page, '#change-prev, #change-next');
      for (const box of [prev, next]) expect(box.height).toBeGreaterThanOrEqual(24);
    },
    SLOW,
  );

  it(
    'says so when the address names an item the framework does not hold',
    async () => {
      await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&item=convention:cc-1900', 'versions');
      await page.waitForSelector('#versions-contenu .message');
      expect(await page.textContent('#versions-contenu .message')).toBe(fr('Aucun élément « convention:cc-1900 » dans ce dispositif.'));
    },
    SLOW,
  );

  it('logged no error, loaded nothing from elsewhere, and was never refused', () => {
    expect(harness.pageErrors).toEqual([]);
    expect(harness.elsewhere).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
