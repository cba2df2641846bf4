/**
 * The audit log and « Connu au » in headless Chromium: a fact recorded after an instant is absent
 * from the state known then and marked in the log; a correction and the fact it corrects point to
 * each other; a link to an entry of the log takes the focus there (desktop and phone).
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { frenchTypography as fr, quoted } from '../../web/src/french-typography.js';
import { CCCS13_SEED } from '../../src/modules/frameworks/seed/cccs13.seed.js';
import { focused } from './support/in-page.js';
import { ARTIFACTS, auditShown, DESKTOP, openAt, shown, SLOW, startHarness, TOKEN, urlParams, VIEWPORTS, type Harness } from './support/harness.js';

describe('the audit log, in headless Chromium', () => {
  let harness: Harness;
  let page: Page;
  let aubagneEventId = '';
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${harness.base}${path}`)).json()) as T;
  const append = (body: unknown) =>
    fetch(`${harness.base}/api/frameworks/cccs13/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const partyIds = () => page.$$eval('#liste-parties > li[data-id]', (els) => els.map((el) => el.getAttribute('data-id')!));

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(DESKTOP);
  }, SLOW);
  afterAll(() => harness?.close());

  describe.each(VIEWPORTS)('on a %s', (name, viewport) => {
    it(
      'the link « n° N du journal d’audit » of a source moves the focus to that entry of the log',
      async () => {
        const phone = await harness.open(viewport);
        await openAt(phone, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
        const history = await api<{ events: { eventId: string; position: number; data: { party?: { id: string } } }[] }>('/api/frameworks/cccs13/history');
        const vitrolles = history.events.find((e) => e.data.party?.id === 'vitrolles')!;
        const item = phone.locator('#liste-parties > li[data-id="vitrolles"]');
        await item.locator('details.source > summary').click();
        const link = item.locator(`a[href="#fait-${vitrolles.eventId}"]`);
        // The log's numbers come with the first source opened.
        await link.filter({ hasText: 'n°' }).waitFor();
        expect(await link.textContent()).toBe(fr(`n° ${vitrolles.position} du journal d’audit`));
        await link.click();
        await phone.waitForFunction((id) => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === id, `fait-${vitrolles.eventId}`);
        expect((await focused(phone))!.id).toBe(`fait-${vitrolles.eventId}`);
        // The entry is in view, and Tab goes on from there (to the entry's own source).
        const row = await phone.locator(`#fait-${vitrolles.eventId}`).boundingBox();
        expect(row!.y).toBeGreaterThanOrEqual(-1);
        expect(row!.y).toBeLessThan(viewport.height);
        await phone.keyboard.press('Tab');
        expect(await phone.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): { id: string } | null } } }).document.activeElement.closest('tr')?.id)).toBe(`fait-${vitrolles.eventId}`);
        await phone.screenshot({ path: join(ARTIFACTS, `audit-focus-${name}.png`) });
        await phone.context().close();
      },
      SLOW,
    );
  });

  it(
    'known at an instant between two recordings: the later fact is absent, and the audit log marks it',
    async () => {
      const seedRecordedAt = (await api<{ events: { recordedAt: string }[] }>('/api/frameworks/cccs13/history')).events.at(-1)!.recordedAt;
      const appended = await append({
        type: 'PartyJoined',
        effectiveDate: '2007-03',
        data: { conventionId: 'cc-2003', party: { id: 'aubagne', name: 'Aubagne', kind: 'commune' } },
        source: { document: 'Test du navigateur', passage: 'Aubagne rejoint la convention cadre', confidence: 'stated' },
      });
      expect(appended.status).toBe(201);
      aubagneEventId = ((await appended.json()) as { eventId: string }).eventId;
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      expect(await partyIds()).toContain('aubagne');
      await auditShown(page);
      expect(await page.getAttribute(`#fait-${aubagneEventId}`, 'class')).toBe('uncorrected');

      // To the millisecond: the instant the seed was recorded, before the new fact.
      await page.fill('#known-at', seedRecordedAt.slice(0, 23));
      await shown(page, '2007-06-30', seedRecordedAt);
      expect(urlParams(page).get('knownAt')).toBe(seedRecordedAt);
      const parties = await partyIds();
      expect(parties).toHaveLength(14);
      expect(parties).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence']));
      expect(parties).not.toContain('aubagne');
      expect(await page.getAttribute(`#fait-${aubagneEventId}`, 'class')).toContain('later');
      expect(await page.locator('#audit tr.later').count()).toBe(1);
      const row = page.locator(`#fait-${aubagneEventId}`);
      expect(await row.locator('.actor').textContent()).toBe('secretariat');
      expect(await row.textContent()).toContain('Aubagne rejoint la Convention cadre 2003 - 2005');
      expect(await row.textContent()).toContain(fr('postérieur au « connu au »'));
      expect(await page.textContent('#audit-count')).toBe(fr(`${CCCS13_SEED.length + 1} enregistrements, dans l'ordre d'enregistrement. 1 enregistrement postérieur à l'instant « connu au ».`));
      await row.locator('details.source > summary').click();
      expect(await row.locator('.passage').textContent()).toBe(quoted('Aubagne rejoint la convention cadre'));
      expect(await row.locator('.document').textContent()).toBe('Test du navigateur');
      await page.locator('#journal').screenshot({ path: join(ARTIFACTS, 'audit-log.png') });
      await page.click('#known-at-clear');
      await shown(page, '2007-06-30');
    },
    SLOW,
  );

  it(
    'the audit log shows who corrected what: the correction and the fact it corrects point to each other',
    async () => {
      expect(aubagneEventId).not.toBe('');
      const corrected = await append({
        type: 'FactCorrected',
        effectiveDate: '2007-04',
        data: { eventId: aubagneEventId, effectiveDate: '2007-04', reason: 'Délibération d’avril, non de mars' },
        source: { document: 'Test du navigateur', passage: 'délibération du conseil municipal d’avril 2007', confidence: 'stated' },
      });
      expect(corrected.status).toBe(201);
      const correction = ((await corrected.json()) as { eventId: string }).eventId;
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await auditShown(page);
      expect(await page.textContent(`#fait-${aubagneEventId} td:last-child`)).toBe(fr(`corrigé par n° ${CCCS13_SEED.length + 2}`));
      expect(await page.textContent(`#fait-${correction} td:last-child`)).toBe(fr(`correction corrige le fait n° ${CCCS13_SEED.length + 1}`));
      expect(await page.textContent(`#fait-${correction} .fact-name`)).toBe(fr(`fait n° ${CCCS13_SEED.length + 1} : Délibération d’avril, non de mars`));
      expect(await page.textContent('#liste-parties > li[data-id="aubagne"] .item-meta')).toContain('avril 2007');
      // A link to an entry filtered out of the log shows the whole log again, and takes the focus there.
      await page.selectOption('#audit-type', 'FactCorrected');
      expect(await page.locator(`#fait-${aubagneEventId}`).count()).toBe(0);
      await page.click(`#fait-${correction} td:last-child a`);
      await page.waitForFunction((id) => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === id, `fait-${aubagneEventId}`);
      expect(await page.inputValue('#audit-type')).toBe('');
      expect(await page.locator('#audit tbody tr').count()).toBe(CCCS13_SEED.length + 2);
      await page.locator('#journal').screenshot({ path: join(ARTIFACTS, 'audit-log-correction.png') });
    },
    SLOW,
  );

  it('loaded nothing from elsewhere and logged no error', () => {
    expect(harness.elsewhere).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
