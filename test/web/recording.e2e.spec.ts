/**
 * Recording a fact from the page, in headless Chromium against the real service, on a desktop and
 * on a phone: sign in with a token, fill the fields made for the kind of fact, see what it would
 * change (a dry run), record it, and find it in the state and in the audit log; a fact a rule
 * refuses, with the rule next to the field; a 409 when the record moved on, reloaded and retried;
 * everything by keyboard alone; no violation found by axe-core on any of these views.
 */
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { axeViolations, focused, pageTexts, typographyFaults } from './support/in-page.js';
import { auditShown, axeSource, openAt, openView, SLOW, startHarness, TOKEN, urlParams, VIEWPORTS, type Harness } from './support/harness.js';
import { auditEvents, control, fieldError, fillSource, preview, signInOnPage, tabTo } from './support/record-form.js';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs');
const EVENTS = '/api/frameworks/cccs13/events';

describe.each(VIEWPORTS)('recording a fact on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;
  let axe: string;
  const noViolation = async (view: string) => expect({ view, violations: await axeViolations(page, axe) }).toEqual({ view, violations: [] });

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
    axe = axeSource();
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    'signs in (a refused token said in French), fills the fact, previews what it would change, records it, and shows it in the state and the audit log',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await page.click('#nav-record');
      await page.waitForSelector('#enregistrer:not([hidden])');
      expect(urlParams(page).get('panel')).toBe('record');
      expect((await focused(page))!.id).toBe('enregistrer-titre');
      expect(await page.isVisible('#etat')).toBe(false);
      await noViolation('sign-in');

      await page.fill('#signin-token', 'not-a-token-of-this-service');
      await page.click('#signin-submit');
      await page.waitForSelector('#signin-erreur:not([hidden])');
      expect(await page.textContent('#signin-erreur')).toContain('Jeton refusé');
      expect(await page.getAttribute('#signin-token', 'aria-invalid')).toBe('true');
      await signInOnPage(page, TOKEN);
      expect(await page.isVisible('#session')).toBe(true);
      expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(1);

      await page.selectOption('#fact-type', 'PartyJoined');
      await control(page, 'effectiveDate').fill('2007-03');
      expect(await page.textContent('#enregistrer [data-field="effectiveDate"] .edtf-reading')).toBe(
        fr('Mars 2007, soit du 1er mars 2007 au 31 mars 2007 : date approximative ; le fait compte à partir du 1er mars 2007.'),
      );
      // The conventions and the parties are the framework's own.
      const conventions = await control(page, 'data.conventionId').locator('option').evaluateAll((els) => els.map((el) => el.getAttribute('value')).filter(Boolean));
      expect(conventions).toEqual(['cc-1994', 'cc-2000', 'cc-2003', 'cc-2008', 'cc-2011', 'cc-2015']);
      await control(page, 'data.conventionId').selectOption('cc-2003');
      await control(page, 'data.party').selectOption('__nouveau__');
      await control(page, 'data.party.name').fill('Aubagne');
      expect(await control(page, 'data.party.id').inputValue()).toBe('aubagne');
      await control(page, 'data.party.kind').selectOption('commune');
      await fillSource(page, { document: 'Délibération du conseil municipal d’Aubagne, mars 2007', passage: 'La commune adhère à la convention cadre des centres sociaux', confidence: 'stated' });
      await noViolation('fact form');

      const before = await auditEvents(harness.base);
      expect(await preview(page)).toBe('accepted');
      expect((await focused(page))!.id).toBe('apercu-titre');
      expect(await page.textContent('#apercu')).toContain('Aucune règle ne s’y oppose');
      expect(await page.textContent('#apercu .preview-day h4')).toBe('Le 1er mars 2007');
      expect(await page.textContent('#apercu [data-list="diff-entres"] li[data-id="aubagne"]')).toContain('depuis mars 2007');
      expect(await page.textContent('#apercu [data-list="diff-modifies"] li[data-id="cc-2003"]')).toContain('ajout de Aubagne');
      // The preview recorded nothing.
      expect(await auditEvents(harness.base)).toHaveLength(before.length);
      expect(typographyFaults(await pageTexts(page))).toEqual([]);
      await noViolation('preview');
      if (name === 'desktop') {
        mkdirSync(DOCS, { recursive: true });
        await page.locator('#enregistrer').screenshot({ path: join(DOCS, 'web-recording.png') });
      }

      await page.click('#fact-record');
      await page.waitForSelector('#resultat .success');
      expect((await focused(page))!.id).toBe('resultat-titre');
      const after = await auditEvents(harness.base);
      expect(after).toHaveLength(before.length + 1);
      const recorded = after[after.length - 1];
      expect(recorded).toMatchObject({ type: 'PartyJoined', recordedBy: 'secretariat', data: { conventionId: 'cc-2003', party: { id: 'aubagne', name: 'Aubagne', kind: 'commune' } } });
      expect(await page.textContent('#resultat')).toContain(fr(`N° ${recorded.position} du journal`));
      // The service's answer is kept whole in the view.
      expect(JSON.parse((await page.textContent('.receipt-json'))!)).toMatchObject({ eventId: recorded.eventId, position: recorded.position });
      await noViolation('recorded');

      await page.click('#voir-etat');
      await page.waitForSelector('#etat[aria-busy="false"][data-at="2007-03-01"] #liste-parties > li[data-id="aubagne"]');
      expect(urlParams(page).get('panel')).toBeNull();
      expect(await page.locator('#liste-parties > li[data-id="aubagne"] .approx').count()).toBe(1);
      await auditShown(page);
      const row = page.locator(`#fait-${recorded.eventId}`);
      expect(await row.locator('.fact-name').textContent()).toBe(fr('Aubagne rejoint la Convention cadre 2003 - 2005'));
      expect(await row.locator('.actor').textContent()).toBe('secretariat');
    },
    SLOW,
  );

  it(
    'a fact a rule refuses: the rule next to the field it names; a date the service cannot read, next to the date; nothing recorded',
    async () => {
      await openView(page, harness.base, '?framework=cccs13&at=2016-06-30&panel=record', 'enregistrer');
      await page.waitForSelector('#fact-form');
      const before = await auditEvents(harness.base);
      await page.selectOption('#fact-type', 'ConventionExtended');
      await control(page, 'effectiveDate').fill('2016');
      await control(page, 'data.conventionId').selectOption('cc-2015');
      await control(page, 'data.newEnd').fill('2016');
      await fillSource(page, { document: 'Comité de pilotage 2016', passage: 'la convention est prorogée', confidence: 'stated' });
      expect(await preview(page)).toBe('refused');
      const error = fieldError(page, 'data.newEnd');
      expect(await error.isVisible()).toBe(true);
      expect(await error.textContent()).toContain(fr('Refusé : La nouvelle fin doit être postérieure à la fin actuelle de la convention (règle « extension-must-extend »).'));
      expect(await control(page, 'data.newEnd').getAttribute('aria-invalid')).toBe('true');
      expect((await focused(page))!.id).toBe('fact-errors');
      const newEndId = await control(page, 'data.newEnd').getAttribute('id');
      expect(await page.getAttribute('#fact-errors a', 'href')).toBe(`#${newEndId}`);
      await noViolation('refused by a rule');
      await page.click('#fact-errors a');
      expect((await focused(page))!.id).toBe(newEndId);

      // A date the service cannot read: the page says so while it is typed, the service next to the field.
      await control(page, 'effectiveDate').fill('hier');
      expect(await page.textContent('#enregistrer [data-field="effectiveDate"] .edtf-reading')).toContain('forme que la page ne sait pas lire');
      await control(page, 'data.newEnd').fill('2019');
      expect(await preview(page)).toBe('refused');
      expect(await fieldError(page, 'effectiveDate').textContent()).toContain('Date non reconnue');
      expect(await fieldError(page, 'data.newEnd').isVisible()).toBe(false);

      // A field left empty is said before anything is sent.
      const asked = harness.refusals.length;
      await control(page, 'source.passage').fill('');
      expect(await preview(page)).toBe('refused');
      expect(await fieldError(page, 'source.passage').textContent()).toContain('Ce champ est obligatoire.');
      expect(harness.refusals).toHaveLength(asked);
      expect(await auditEvents(harness.base)).toHaveLength(before.length);
    },
    SLOW,
  );

  it(
    'a 409 when someone recorded meanwhile: « Recharger et réessayer » reads the record again and records the fact once',
    async () => {
      await openView(page, harness.base, '?framework=cccs13&at=2016-06-30&panel=record', 'enregistrer');
      await page.waitForSelector('#fact-form');
      await page.selectOption('#fact-type', 'MilestoneNoted');
      await control(page, 'effectiveDate').fill('2016-06');
      await control(page, 'data.name').fill('Assemblée départementale des centres sociaux');
      expect(await control(page, 'data.milestoneId').inputValue()).toBe('assemblee-departementale-des-centres-sociaux');
      await fillSource(page, { document: 'Compte rendu de l’assemblée, juin 2016', passage: 'l’assemblée départementale des centres sociaux', confidence: 'stated' });
      expect(await preview(page)).toBe('accepted');
      // Meanwhile, another writer records a fact.
      const other = await fetch(`${harness.base}${EVENTS}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'MilestoneNoted',
          effectiveDate: '2016-05',
          data: { milestoneId: 'rencontre-mai-2016', name: 'Rencontre des directeurs' },
          source: { document: 'Courriel', passage: 'rencontre des directeurs', confidence: 'stated' },
        }),
      });
      expect(other.status).toBe(201);
      const current = ((await other.json()) as { revision: number }).revision;
      await page.click('#fact-record');
      await page.waitForSelector('#fact-retry');
      expect(await page.textContent('#resultat')).toContain(`vous l’aviez lu à la révision ${current - 1}, il en est à la révision ${current}`);
      expect((await auditEvents(harness.base)).filter((e) => e.data.milestoneId === 'assemblee-departementale-des-centres-sociaux')).toHaveLength(0);
      await noViolation('conflict');
      await page.click('#fact-retry');
      await page.waitForSelector('#resultat .success');
      const events = await auditEvents(harness.base);
      expect(events.filter((e) => e.data.milestoneId === 'assemblee-departementale-des-centres-sociaux')).toHaveLength(1);
      expect(events.filter((e) => e.data.milestoneId === 'rencontre-mai-2016')).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'records a fact by keyboard alone, from the top of the page',
    async () => {
      const keyboard = await harness.open(viewport);
      try {
        await openAt(keyboard, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
        await tabTo(keyboard, '#nav-record');
        await keyboard.keyboard.press('Enter');
        await keyboard.waitForSelector('#enregistrer:not([hidden])');
        await tabTo(keyboard, '#signin-token');
        await keyboard.keyboard.type(TOKEN);
        await keyboard.keyboard.press('Enter');
        await keyboard.waitForSelector('#fact-form');
        // The focus goes to the first field of the form.
        expect((await focused(keyboard))!.id).toBe('fact-type');
        await keyboard.keyboard.type('Jalon');
        expect(await keyboard.inputValue('#fact-type')).toBe('MilestoneNoted');
        await tabTo(keyboard, '#enregistrer [data-field="effectiveDate"] input');
        await keyboard.keyboard.type('2017-03');
        await tabTo(keyboard, '#enregistrer [data-field="data.name"] input');
        await keyboard.keyboard.type('Journée des bénévoles');
        await tabTo(keyboard, '#enregistrer [data-field="source.document"] input');
        await keyboard.keyboard.type('Programme de la journée, mars 2017');
        await tabTo(keyboard, '#enregistrer [data-field="source.passage"] textarea');
        await keyboard.keyboard.type('journée des bénévoles des centres sociaux');
        await tabTo(keyboard, '#enregistrer [data-field="source.confidence"] select');
        await keyboard.keyboard.press('ArrowDown');
        expect(await control(keyboard, 'source.confidence').inputValue()).toBe('stated');
        await tabTo(keyboard, '#fact-preview');
        await keyboard.keyboard.press('Enter');
        await keyboard.waitForSelector('#apercu:not([hidden])');
        expect((await focused(keyboard))!.id).toBe('apercu-titre');
        await tabTo(keyboard, '#fact-record');
        await keyboard.keyboard.press('Enter');
        await keyboard.waitForSelector('#resultat .success');
        expect((await focused(keyboard))!.id).toBe('resultat-titre');
        const recorded = (await auditEvents(harness.base)).filter((e) => e.data.milestoneId === 'journee-des-benevoles');
        expect(recorded).toHaveLength(1);
        expect(recorded[0].recordedBy).toBe('secretariat');
      } finally {
        await keyboard.context().close();
      }
    },
    SLOW,
  );

  it(
    'a sign-in the service throttles (429, as after failed attempts) says in French how long to wait',
    async () => {
      const throttled = await harness.open(viewport);
      try {
        // The service's answer to too many failed sign-ins, as its throttling gives it.
        await throttled.route('**/api/frameworks/cccs13/events?dryRun=true', (route) =>
          route.fulfill({ status: 429, headers: { 'Retry-After': '42', 'Content-Type': 'application/json' }, body: JSON.stringify({ statusCode: 429, message: 'too many failed attempts' }) }),
        );
        await openView(throttled, harness.base, '?framework=cccs13&at=2007-06-30&panel=record', 'enregistrer');
        await throttled.fill('#signin-token', TOKEN);
        await throttled.click('#signin-submit');
        await throttled.waitForSelector('#signin-erreur:not([hidden])');
        expect(await throttled.textContent('#signin-erreur')).toBe(fr('Trop de tentatives : le service refuse pour l’instant. Réessayez dans 42 secondes.'));
        expect(await throttled.isVisible('#fact-form')).toBe(false);
        expect(await throttled.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
      } finally {
        await throttled.context().close();
      }
    },
    SLOW,
  );

  it(
    'creates a framework from the page: an id already taken is said next to it, then the new framework is shown',
    async () => {
      await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&panel=framework', 'creer');
      await page.waitForSelector('#creer-form');
      await noViolation('create a framework');
      const field = (path: string) => page.locator(`#creer [data-field="${path}"]`).first().locator('input, select, textarea').first();
      await field('name').fill('Convention cadre des centres sociaux de Vaucluse');
      // The id follows the name until one is written.
      expect(await field('id').inputValue()).toBe('convention-cadre-des-centres-sociaux-de-vaucluse');
      await field('id').fill('cccs13');
      await page.click('#creer-submit');
      await page.waitForSelector('#creer-erreurs:not([hidden])');
      expect(await page.textContent('#creer [data-field="id"] .field-error')).toContain('Un dispositif porte déjà cet identifiant');
      await field('id').fill('cccs84');
      await field('territory').fill('Vaucluse');
      await field('effectiveDate').fill('2019');
      expect(await page.textContent('#creer [data-field="effectiveDate"] .edtf-reading')).toContain(fr('L’année 2019'));
      await page.click('#creer-submit');
      await page.waitForSelector('#etat[aria-busy="false"]');
      await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { value: string } } }).document.getElementById('framework').value === 'cccs84');
      expect(urlParams(page).get('framework')).toBe('cccs84');
      expect(await page.textContent('#message-text')).toContain(fr('Dispositif « Convention cadre des centres sociaux de Vaucluse » créé'));
      const frameworks = (await (await fetch(`${harness.base}/api/frameworks`)).json()) as { id: string; name: string }[];
      expect(frameworks.find((f) => f.id === 'cccs84')).toMatchObject({ name: 'Convention cadre des centres sociaux de Vaucluse' });
    },
    SLOW,
  );

  it('logged no error, loaded nothing from elsewhere, and was refused only where the tests asked for it', () => {
    expect(harness.pageErrors).toEqual([]);
    expect(harness.elsewhere).toEqual([]);
    // Signing in checks the token with an empty fact in a dry run: refused as malformed (400) once the token is accepted.
    const signIn = `400 POST ${EVENTS}?dryRun=true`;
    expect(harness.refusals).toEqual([
      `401 POST ${EVENTS}?dryRun=true`,
      signIn,
      `422 POST ${EVENTS}?dryRun=true`,
      `400 POST ${EVENTS}?dryRun=true`,
      `409 POST ${EVENTS}`,
      signIn,
      `429 POST ${EVENTS}?dryRun=true`,
      `409 POST /api/frameworks`,
    ]);
  });
});
