/**
 * Correcting and retracting a recorded fact from its entry of the audit log, in headless Chromium,
 * on a desktop and on a phone: an admin corrects the date of a fact (the preview shows what it
 * changes on both days), retracts another one, and a recorder is told in French that this needs
 * the admin role. No violation found by axe-core on these views.
 */
import type { Page } from 'playwright-core';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { axeViolations, focused } from './support/in-page.js';
import { auditShown, axeSource, openAt, openView, RECORDER_TOKEN, shown, SLOW, startHarness, TOKEN, urlParams, VIEWPORTS, type Harness } from './support/harness.js';
import { auditEvents, control, fillSource, preview, signInOnPage } from './support/record-form.js';

const EVENTS = '/api/frameworks/cccs13/events';

describe.each(VIEWPORTS)('correcting and retracting a fact on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;
  let axe: string;
  const noViolation = async (view: string, on = page) => expect({ view, violations: await axeViolations(on, axe) }).toEqual({ view, violations: [] });
  const partyIds = () => page.$$eval('#liste-parties > li[data-id]', (els) => els.map((el) => el.getAttribute('data-id')!));

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
    axe = axeSource();
    await openView(page, harness.base, '?framework=cccs13&at=2006-06-30&panel=record', 'enregistrer');
    await signInOnPage(page, TOKEN);
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    'an admin corrects the date of a fact from the audit log: the preview shows both days, the correction and the fact point to each other',
    async () => {
      const vitrolles = (await auditEvents(harness.base)).find((e) => e.type === 'PartyJoined' && (e.data.party as { id: string }).id === 'vitrolles')!;
      await openAt(page, harness.base, '?framework=cccs13&at=2006-06-30', '2006-06-30');
      await auditShown(page);
      expect(await page.isVisible('#audit-connexion')).toBe(false);
      await noViolation('audit log with its actions');
      const correct = page.locator(`#fait-${vitrolles.eventId} a[data-amend="correct"]`);
      expect(await correct.textContent()).toBe(fr(`Corriger le fait n° ${vitrolles.position}`));
      await correct.click();
      await page.waitForSelector('#fact-form .amend-target');
      expect(urlParams(page).get('correct')).toBe(vitrolles.eventId);
      expect(await page.textContent('#enregistrer-titre')).toBe('Corriger un fait');
      expect((await focused(page))!.id).toBe('enregistrer-titre');
      expect(await page.textContent('.amend-target')).toContain(fr(`Fait n° ${vitrolles.position} du journal`));
      expect(await control(page, 'data.effectiveDate').inputValue()).toBe('2006');
      // The item the fact is about cannot be corrected.
      expect(await control(page, 'data.data.conventionId').isDisabled()).toBe(true);
      await noViolation('correction form');

      await control(page, 'data.effectiveDate').fill('2006-03');
      await control(page, 'data.reason').fill('La délibération de Vitrolles date de mars 2006');
      await fillSource(page, { document: 'Délibération du conseil municipal de Vitrolles', passage: 'adhésion à la convention cadre', confidence: 'stated' });
      expect(await preview(page)).toBe('accepted');
      expect((await page.getAttribute('#apercu', 'data-days'))!.split(' ')).toEqual(['2006-01-01', '2006-03-01']);
      expect(await page.textContent('#apercu [data-day="2006-01-01"] [data-list="diff-termines"]')).toContain('Vitrolles');
      // On 1 March 2006 Vitrolles is a signatory either way: only the day it counts from changes.
      expect(await page.textContent('#apercu [data-day="2006-03-01"] [data-list="diff-modifies"]')).toContain('Vitrolles');
      await noViolation('correction preview');
      await page.click('#fact-record');
      await page.waitForSelector('#resultat .success');

      const events = await auditEvents(harness.base);
      const correction = events[events.length - 1];
      expect(correction).toMatchObject({ type: 'FactCorrected', recordedBy: 'secretariat', data: { eventId: vitrolles.eventId, effectiveDate: '2006-03', reason: 'La délibération de Vitrolles date de mars 2006' } });
      // Only what changed is sent: the date, not the data.
      expect(correction.data).not.toHaveProperty('data');
      await page.click('#voir-journal');
      await page.waitForFunction((id) => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === id, `fait-${correction.eventId}`);
      expect(await page.textContent(`#fait-${vitrolles.eventId} .col-corrections`)).toBe(fr(`corrigé par n° ${correction.position}`));
      expect(await page.textContent(`#fait-${correction.eventId} .col-corrections`)).toBe(fr(`correction corrige le fait n° ${vitrolles.position}`));
      await openAt(page, harness.base, '?framework=cccs13&at=2006-02-01', '2006-02-01');
      expect(await partyIds()).not.toContain('vitrolles');
      await openAt(page, harness.base, '?framework=cccs13&at=2006-03-01', '2006-03-01');
      expect(await partyIds()).toContain('vitrolles');
    },
    SLOW,
  );

  it(
    'an admin retracts a fact: it leaves the state at every date, and the log keeps it, marked',
    async () => {
      const milestone = (await auditEvents(harness.base)).find((e) => e.data.milestoneId === 'professionnalisation-comptables')!;
      await openAt(page, harness.base, '?framework=cccs13&at=2010-06-30', '2010-06-30');
      expect(await page.locator('#liste-milestones > li[data-id="professionnalisation-comptables"]').count()).toBe(1);
      await auditShown(page);
      await page.click(`#fait-${milestone.eventId} a[data-amend="retract"]`);
      await page.waitForSelector('#fact-form .amend-target');
      expect(await page.textContent('#enregistrer-titre')).toBe('Retirer un fait');
      await control(page, 'data.reason').fill('Doublon d’un autre jalon');
      await fillSource(page, { document: 'Note du secrétariat', passage: 'ce jalon fait double emploi', confidence: 'inferred', note: 'Le même fait est déjà noté ailleurs.' });
      expect(await preview(page)).toBe('accepted');
      expect(await page.textContent('#apercu [data-list="diff-termines"]')).toContain('Professionnalisation croissante des personnels comptables');
      await page.click('#fact-record');
      await page.waitForSelector('#resultat .success');
      const events = await auditEvents(harness.base);
      expect(events[events.length - 1]).toMatchObject({ type: 'FactRetracted', data: { eventId: milestone.eventId } });
      await openAt(page, harness.base, '?framework=cccs13&at=2010-06-30', '2010-06-30');
      expect(await page.locator('#liste-milestones > li[data-id="professionnalisation-comptables"]').count()).toBe(0);
      await auditShown(page);
      expect(await page.getAttribute(`#fait-${milestone.eventId}`, 'class')).toContain('retracted');
      // A retracted fact is neither corrected nor retracted again.
      expect(await page.locator(`#fait-${milestone.eventId} a[data-amend]`).count()).toBe(0);
    },
    SLOW,
  );

  it(
    'Back leaves the correction without recording anything, and returns to the audit log',
    async () => {
      const fact = (await auditEvents(harness.base)).find((e) => e.data.bodyId === 'instance-evaluation')!;
      await openAt(page, harness.base, '?framework=cccs13&at=2012-06-30', '2012-06-30');
      await auditShown(page);
      const count = (await auditEvents(harness.base)).length;
      await page.click(`#fait-${fact.eventId} a[data-amend="correct"]`);
      await page.waitForSelector('#fact-form .amend-target');
      await page.goBack();
      await shown(page, '2012-06-30');
      expect(urlParams(page).has('correct')).toBe(false);
      expect(await page.isVisible('#enregistrer')).toBe(false);
      // The focus returns to the link that opened the correction.
      expect((await focused(page))!.cls).toContain('amend-correct');
      await page.goForward();
      await page.waitForSelector('#fact-form .amend-target');
      expect(await auditEvents(harness.base)).toHaveLength(count);
    },
    SLOW,
  );

  it(
    'a recorder (not an admin) is told in French that correcting a fact needs the admin role',
    async () => {
      const recorder = await harness.open(viewport);
      try {
        await openView(recorder, harness.base, '?framework=cccs13&at=2012-06-30&panel=record', 'enregistrer');
        await signInOnPage(recorder, RECORDER_TOKEN);
        const fact = (await auditEvents(harness.base)).find((e) => e.data.bodyId === 'instance-evaluation')!;
        await openView(recorder, harness.base, `?framework=cccs13&at=2012-06-30&panel=record&correct=${fact.eventId}`, 'enregistrer');
        await recorder.waitForSelector('#fact-form .amend-target');
        await control(recorder, 'data.reason').fill('Essai');
        await fillSource(recorder, { document: 'Note', passage: 'une note', confidence: 'stated' });
        await recorder.click('#fact-preview');
        await recorder.waitForSelector('#resultat .message');
        expect(await recorder.textContent('#resultat')).toContain('il faut le rôle administrateur');
        await noViolation('refused: not an admin', recorder);
      } finally {
        await recorder.context().close();
      }
    },
    SLOW,
  );

  it('logged no error, loaded nothing from elsewhere, and was refused only where the tests asked for it', () => {
    expect(harness.pageErrors).toEqual([]);
    expect(harness.elsewhere).toEqual([]);
    const signIn = `400 POST ${EVENTS}?dryRun=true`;
    expect(harness.refusals).toEqual([signIn, signIn, `403 POST ${EVENTS}?dryRun=true`]);
  });
});
