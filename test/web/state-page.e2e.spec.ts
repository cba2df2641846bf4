/**
 * The state on a date, its sources, the diff and a shared view, in headless Chromium against the
 * real service: what the page lists is what the API answers, in French typography.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { CCCS13_SEED } from '../../src/modules/frameworks/seed/cccs13.seed.js';
import { frenchTypography as fr, quoted } from '../../web/src/french-typography.js';
import { ARTIFACTS, DESKTOP, openAt, screenshot, setDate, shown, SLOW, startHarness, urlParams, type Harness } from './support/harness.js';

const KINDS = ['conventions', 'parties', 'missions', 'instruments', 'bodies', 'reviews', 'milestones', 'conflicts'] as const;
interface Item {
  id: string;
  name: string;
  approximate: boolean;
  start?: string;
  end?: string | null;
  parties?: { id: string; name: string }[];
  source?: { passage: string; document: string; confidence: 'stated' | 'inferred'; note?: string };
}
type State = Record<(typeof KINDS)[number], Item[]> & { at: string; knownAt: string | null };

const parties1994 = (
  CCCS13_SEED.find((e) => e.type === 'ConventionSigned' && (e.data as { conventionId: string }).conventionId === 'cc-1994')!.data as {
    parties: { id: string; name: string }[];
  }
).parties;

describe('the state on a date, in headless Chromium', () => {
  let harness: Harness;
  let page: Page;
  const api = async <T = State>(path: string): Promise<T> => {
    const res = await fetch(`${harness.base}${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const apiState = (at: string) => api(`/api/frameworks/cccs13/state?at=${at}`);
  const listed = (kind: string) =>
    page.$$eval(`#liste-${kind} > li[data-id]`, (els) =>
      els.map((el) => ({
        id: el.getAttribute('data-id')!,
        name: el.querySelector('.item-name')!.textContent!,
        approximate: el.getAttribute('data-approximate') === 'true',
        approxBadge: el.querySelector('.item-head .approx') !== null,
      })),
    );

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(DESKTOP);
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    'opens in French on the CCCS13 framework, with the timeline drawn and the date in the URL',
    async () => {
      await page.goto(`${harness.base}/`);
      await page.waitForSelector('#etat[aria-busy="false"][data-at]');
      await page.waitForSelector('#timeline[data-ready="true"]');
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.textContent('h1')).toBe('Historique de la gouvernance');
      expect(await page.inputValue('#framework')).toBe('cccs13');
      const at = await page.inputValue('#date');
      expect(at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(urlParams(page).get('framework')).toBe('cccs13');
      expect(urlParams(page).get('at')).toBe(at);
      expect(await page.locator('#timeline svg [role="button"]').count()).toBeGreaterThan(20);
    },
    SLOW,
  );

  it(
    'on 1995-01-01 shows exactly État, the CAF13 and Marseille as parties, dated to the day',
    async () => {
      await setDate(page, '1995-01-01');
      const parties = await listed('parties');
      expect(parties.map((p) => p.name).sort()).toEqual(['État', fr("Caisse d'allocations familiales des Bouches-du-Rhône (CAF13)"), 'Marseille'].sort());
      expect(parties.map((p) => p.name).sort()).toEqual(parties1994.map((p) => fr(p.name)).sort());
      expect(parties.every((p) => !p.approximate && !p.approxBadge)).toBe(true);
      expect((await listed('conventions')).map((c) => c.id)).toEqual(['cc-1994']);
      expect(await page.textContent('#etat-titre')).toBe('État au 1er janvier 1995');
      expect(urlParams(page).get('at')).toBe('1995-01-01');
      expect(await page.getAttribute('#date-slider', 'aria-valuetext')).toBe('1er janvier 1995');
      expect(await page.textContent('#date-aide')).toBe('État du dispositif le 1er janvier 1995.');
      await page.locator('#date').blur();
      await screenshot(page, 'page-1995-01-01');
    },
    SLOW,
  );

  it(
    'on 2007-06-30 shows Vitrolles and Salon-de-Provence, marked approximate, and the renewed convention',
    async () => {
      await setDate(page, '2007-06-30');
      const parties = await listed('parties');
      expect(parties).toHaveLength(14);
      for (const name of ['Vitrolles', 'Salon-de-Provence']) expect(parties.find((p) => p.name === name)).toMatchObject({ approximate: true, approxBadge: true });
      const vitrolles = page.locator('#liste-parties > li[data-id="vitrolles"]');
      expect(await vitrolles.locator('.approx').isVisible()).toBe(true);
      expect(await vitrolles.locator('.approx').textContent()).toContain('≈ approximatif');
      const convention = page.locator('#liste-conventions > li[data-id="cc-2003"]');
      expect(await convention.getAttribute('data-end')).toBe('2007-12-31');
      expect(await convention.locator('.convention-end').textContent()).toContain('31 décembre 2007');
      expect(await convention.locator('.term-changes li').allTextContents()).toEqual([expect.stringContaining('Reconduction'), expect.stringContaining('Reconduction')]);
      await page.locator('#date').blur();
      await screenshot(page, 'page-2007-06-30-wide', true);
    },
    SLOW,
  );

  it(
    "opens a fact's source in one click: passage, document, confidence and note",
    async () => {
      const expected = (await apiState('2007-06-30')).parties.find((p) => p.id === 'vitrolles')!;
      const item = page.locator('#liste-parties > li[data-id="vitrolles"]');
      const passage = item.locator('details.source .passage');
      expect(await passage.isVisible()).toBe(false);
      await item.locator('details.source > summary').click();
      expect(await passage.isVisible()).toBe(true);
      expect(await passage.textContent()).toBe(quoted(expected.source!.passage));
      // The document by its title, with its reference in small print (the titles load with the first source opened).
      await item.locator('details.source .document[data-titled="true"]').waitFor();
      expect(await item.locator('details.source .document').textContent()).toBe(`Historique de la Convention cadre des centres sociaux des Bouches-du-Rhône (${expected.source!.document})`);
      expect(await item.locator('details.source .document .document-ref').textContent()).toBe(`(${expected.source!.document})`);
      expect(await item.locator('details.source .confidence').textContent()).toBe(expected.source!.confidence === 'stated' ? 'énoncé' : 'déduit');
      if (expected.source!.note) expect(await item.locator('details.source .note').textContent()).toBe(fr(expected.source!.note));
      await item.screenshot({ path: join(ARTIFACTS, 'source-vitrolles.png') });
    },
    SLOW,
  );

  it(
    'the diff 2005-06-30 → 2007-06-30 shows Vitrolles and Salon-de-Provence as new, and announces a one-line summary',
    async () => {
      await setDate(page, '2007-06-30');
      await page.fill('#diff-from', '2005-06-30');
      await page.fill('#diff-to', '2007-06-30');
      await page.click('#diff-submit');
      await page.waitForSelector('#diff-result[data-from="2005-06-30"][data-to="2007-06-30"][aria-busy="false"]');
      const entered = await page.$$eval('#diff-result [data-list="diff-entres"] > li', (els) =>
        els.map((el) => [el.getAttribute('data-kind'), el.querySelector('.diff-name')!.textContent]),
      );
      expect(entered.sort()).toEqual([
        ['party', 'Salon-de-Provence'],
        ['party', 'Vitrolles'],
      ]);
      const expected = await api<{ cameIntoForce: { id: string; evidence: string }[]; changed: { id: string }[] }>('/api/frameworks/cccs13/diff?from=2005-06-30&to=2007-06-30');
      expect(await page.$$eval('#diff-result [data-list="diff-entres"] > li', (els) => els.map((el) => el.getAttribute('data-id')))).toEqual(
        expected.cameIntoForce.map((e) => e.id),
      );
      // Each with its evidence on the later date, as the service answers it.
      expect(await page.$$eval('#diff-result [data-list="diff-entres"] > li', (els) => els.map((el) => el.querySelector('.evidence-tag')?.getAttribute('data-evidence')))).toEqual(
        expected.cameIntoForce.map((e) => e.evidence),
      );
      expect(await page.$$eval('#diff-result [data-list="diff-modifies"] > li', (els) => els.map((el) => el.getAttribute('data-id')))).toEqual(
        expected.changed.map((e) => e.id),
      );
      expect(await page.textContent('#diff-result [data-list="diff-modifies"]')).toContain('ajout de Salon-de-Provence, Vitrolles');
      expect(await page.textContent('#diff-annonce')).toBe(fr(`Du 30 juin 2005 au 30 juin 2007 : 2 entrés en vigueur, aucun terminé, ${expected.changed.length} modifié${expected.changed.length > 1 ? 's' : ''}.`));
      expect(urlParams(page).get('from')).toBe('2005-06-30');
      expect(urlParams(page).get('to')).toBe('2007-06-30');
      await page.locator('#differences').screenshot({ path: join(ARTIFACTS, 'diff-2005-06-30-2007-06-30.png') });
    },
    SLOW,
  );

  it(
    'lists what the API answers for the same dates (every list, in order, with terms, parties and approximate marks)',
    async () => {
      for (const at of ['1995-01-01', '2000-06-30', '2007-06-30', '2013-06-30']) {
        await openAt(page, harness.base, `?framework=cccs13&at=${at}`, at);
        const state = await apiState(at);
        for (const kind of KINDS) {
          const onPage = await listed(kind);
          expect({ at, kind, items: onPage.map(({ id, name, approximate }) => ({ id, name, approximate })) }).toEqual({
            at,
            kind,
            items: state[kind].map(({ id, name, approximate }) => ({ id, name: fr(name), approximate })),
          });
          expect(onPage.every((item) => item.approxBadge === item.approximate)).toBe(true);
        }
        const conventions = await page.$$eval('#liste-conventions > li[data-id]', (els) =>
          els.map((el) => ({
            id: el.getAttribute('data-id'),
            start: el.getAttribute('data-start'),
            end: el.getAttribute('data-end') || null,
            parties: (el.getAttribute('data-parties') ?? '').split(' ').filter(Boolean),
          })),
        );
        expect(conventions).toEqual(state.conventions.map((c) => ({ id: c.id, start: c.start, end: c.end ?? null, parties: c.parties!.map((p) => p.id) })));
      }
    },
    SLOW,
  );

  it(
    'lists each signatory once: the convention gives their number and points to the list',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      const parties = (await apiState('2007-06-30')).parties.map((p) => fr(p.name));
      const listedNames = await page.$$eval('#etat .item-name', (els) => els.map((el) => el.textContent ?? ''));
      for (const party of parties) expect({ party, times: listedNames.filter((n) => n === party).length }).toEqual({ party, times: 1 });
      // What a reader sees of the conventions names none of them (the list is below).
      const conventions = await page.$eval('#liste-conventions', (el) => (el as unknown as { innerText: string }).innerText);
      for (const party of parties) expect(conventions).not.toContain(party);
      const convention = page.locator('#liste-conventions > li[data-id="cc-2003"] .convention-parties');
      expect(await convention.textContent()).toBe(fr('14 signataires : voir la liste des signataires.'));
      expect(await convention.locator('a').getAttribute('href')).toBe('#titre-parties');
    },
    SLOW,
  );

  it(
    'restores a shared view from the URL (date, known-at, diff dates)',
    async () => {
      const knownAt = '2099-01-01T12:34:56.789Z';
      await openAt(page, harness.base, `?framework=cccs13&at=2000-06-30&knownAt=${encodeURIComponent(knownAt)}&from=1995-01-01&to=2000-06-30`, '2000-06-30', knownAt);
      expect(await page.inputValue('#date')).toBe('2000-06-30');
      expect(await page.inputValue('#known-at')).toBe('2099-01-01T12:34:56.789');
      expect(await page.inputValue('#diff-from')).toBe('1995-01-01');
      await page.waitForSelector('#diff-result[data-from="1995-01-01"][data-to="2000-06-30"]');
      expect(urlParams(page).get('knownAt')).toBe(knownAt);
      expect(urlParams(page).get('from')).toBe('1995-01-01');
      expect(await page.isVisible('#message')).toBe(false);
    },
    SLOW,
  );

  it(
    'known at an instant before the history was loaded: an empty state; then back to everything recorded',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await page.fill('#known-at', '2020-01-01T00:00:00');
      await shown(page, '2007-06-30', '2020-01-01T00:00:00Z');
      for (const kind of KINDS) expect(await listed(kind)).toEqual([]);
      expect(await page.textContent('#etat-resume')).toContain('rien n’était encore enregistré');
      expect(await page.textContent('#etat-comptes')).toBe('Rien n’était encore enregistré pour cette date à cet instant.');
      expect(await page.textContent('#etat-connu')).toContain('Connu au 1er janvier 2020');
      expect(urlParams(page).get('knownAt')).toBe('2020-01-01T00:00:00Z');
      expect(await page.textContent('#timeline')).toContain('Aucun fait');
      await page.click('#known-at-clear');
      await shown(page, '2007-06-30');
      expect((await listed('parties')).map((p) => p.id)).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence']));
      expect(urlParams(page).has('knownAt')).toBe(false);
      expect(await page.isVisible('#etat-connu')).toBe(false);
    },
    SLOW,
  );

  it(
    'shows any framework, and renders what the API holds as text, never as markup',
    async () => {
      const post = (path: string, body: unknown) =>
        fetch(`${harness.base}/api/frameworks${path}`, {
          method: 'POST',
          headers: { Authorization: 'Bearer secretariat-token-0123456789', 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('', { id: 'cccs84', name: 'Convention cadre <img src=x onerror=alert(1)>', effectiveDate: '2019' })).status).toBe(201);
      const signed = await post('/cccs84/events', {
        type: 'ConventionSigned',
        effectiveDate: '2020-03-02',
        data: { conventionId: 'cv-2020', name: 'Convention <b>2020</b>', start: '2020-03-02', parties: [{ id: 'etat', name: 'État <i>x</i>', kind: 'state' }] },
        source: { document: 'Délibération', passage: 'La convention est signée le 2 mars 2020', confidence: 'stated' },
      });
      expect(signed.status).toBe(201);
      await openAt(page, harness.base, '?framework=cccs84&at=2021-01-01', '2021-01-01');
      expect(await page.inputValue('#framework')).toBe('cccs84');
      expect(await page.textContent('#liste-conventions .item-name')).toBe('Convention <b>2020</b>');
      expect(await page.textContent('#liste-parties .item-name')).toBe('État <i>x</i>');
      expect(await page.locator('main img, main b, main i').count()).toBe(0);
      expect(await page.textContent('#framework-title')).toContain('<img src=x onerror=alert(1)>');
      expect(await page.locator('#timeline [data-kind="convention"][data-id="cv-2020"]').count()).toBe(1);
      await page.selectOption('#framework', 'cccs13');
      await shown(page, '2021-01-01');
      expect(urlParams(page).get('framework')).toBe('cccs13');
    },
    SLOW,
  );

  it(
    'serves the OpenAPI documentation at /docs, rendered without network',
    async () => {
      await page.goto(`${harness.base}/docs`);
      await page.waitForSelector('.swagger-ui .opblock');
      expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThanOrEqual(8);
      expect(await page.textContent('.swagger-ui')).toContain('/api/frameworks/{id}/state');
    },
    SLOW,
  );

  it('loaded nothing from elsewhere and logged no error', () => {
    expect(harness.elsewhere).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
