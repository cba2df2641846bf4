/**
 * Evidence on the page, in headless Chromium on a desktop and on a phone: a badge on every item
 * (« énoncé », « déduit », « présumé », « attesté jusqu’au … ») opening on its explanation with the
 * keyboard, presumed items visibly less certain than stated ones (not by colour alone), the term of a
 * convention at its signing and its renewals each with their own level, the same in the versions
 * view, and the horizon banner in the service's words outside the recorded history. What the page
 * shows is what the service answers (`/state`, `/items`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { frDay } from '../../web/src/dates.js';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { axeViolations, boxes, focused, styles } from './support/in-page.js';
import { ARTIFACTS, axeSource, openAt, openView, setDate, SLOW, startHarness, VIEWPORTS, type Harness } from './support/harness.js';

const KINDS = ['conventions', 'parties', 'missions', 'instruments', 'bodies', 'reviews', 'milestones', 'conflicts'] as const;
type Evidence = 'stated' | 'inferred' | 'presumed';
interface Item {
  id: string;
  name: string;
  evidence: Evidence;
  attestedUntil?: string;
  carriedOverFrom?: string;
  source: { passage: string };
}
type State = Record<(typeof KINDS)[number], Item[]> & { outsideHorizon: boolean; horizonNotice?: string; horizon: { from: string; to: string } };
const WORD: Record<Evidence, string> = { stated: 'énoncé', inferred: 'déduit', presumed: 'présumé' };
/** The README's screenshot of the evidence goes there. */
const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs');
const NOTICE = 'L’historique enregistré s’arrête au 31 décembre 2017 : au-delà, rien n’est attesté.';

describe.each(VIEWPORTS)('evidence and the horizon on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;
  const stateOf = async (at: string) => (await (await fetch(`${harness.base}/api/frameworks/cccs13/state?at=${at}`)).json()) as State;
  /** The requests for a state answer the page made (it asks one only for the horizon). */
  const stateRequests = () =>
    page.evaluate(() =>
      (globalThis as unknown as { performance: { getEntriesByType(t: string): { name: string }[] } }).performance
        .getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname)
        .filter((path) => path.endsWith('/state')),
    );
  const badges = (kind: string) =>
    page.$$eval(`#liste-${kind} > li[data-id]`, (els) =>
      els.map((el) => ({
        id: el.getAttribute('data-id'),
        evidence: el.getAttribute('data-evidence'),
        badge: el.querySelector('.item-head details.evidence > summary')?.textContent ?? null,
      })),
    );
  const horizonShown = (status: 'inside' | 'outside') => page.waitForSelector(`#horizon[data-state="${status}"]`, { state: 'attached' });

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    'at 2016-06-30 the signatories are « déduit », each with the 2015 convention’s passage, carried over from the 2011 one; no banner, no extra request',
    async () => {
      const state = await stateOf('2016-06-30');
      const items = (await (await fetch(`${harness.base}/api/frameworks/cccs13/items`)).json()) as { items: { kind: string; id: string; name: string }[] };
      const cc2011 = items.items.find((i) => i.kind === 'convention' && i.id === 'cc-2011')!.name;
      expect(new Set(state.parties.map((p) => p.carriedOverFrom))).toEqual(new Set(['cc-2011']));
      await openAt(page, harness.base, '?framework=cccs13&at=2016-06-30', '2016-06-30');
      await horizonShown('inside');
      expect(await page.locator('#horizon .horizon-banner').count()).toBe(0);
      // Inside the horizon the framework's listing says so: no state answer is asked.
      expect(await stateRequests()).toEqual([]);
      expect(state.parties).toHaveLength(14);
      for (const kind of KINDS) {
        expect(await badges(kind)).toEqual(
          state[kind].map((i) => ({ id: i.id, evidence: i.evidence, badge: fr(`${i.evidence === 'stated' ? '● ' : i.evidence === 'inferred' ? '◐ ' : '○ '}${WORD[i.evidence]}${i.attestedUntil ? ` · attesté jusqu’au ${frDay(i.attestedUntil)}` : ''} : ${i.name}, pourquoi ?`) })),
        );
      }
      expect(new Set(state.parties.map((p) => p.evidence))).toEqual(new Set(['inferred']));
      const vitrolles = page.locator('#liste-parties > li[data-id="vitrolles"]');
      expect(await vitrolles.locator('details.evidence .evidence-label').textContent()).toBe('déduit');
      expect(await vitrolles.locator('details.evidence .evidence-until').textContent()).toBe(fr(' · attesté jusqu’au 31 décembre 2017'));
      await vitrolles.locator('details.source > summary').click();
      expect(await vitrolles.locator('.passage').textContent()).toBe(fr('« Convention cadre 2015 - 2017 »'));

      // The explanation, with the keyboard: the badge is a button-like summary in the Tab order.
      const summary = vitrolles.locator('details.evidence > summary');
      await summary.focus();
      expect((await focused(page))!.tag).toBe('summary');
      expect(await vitrolles.locator('.evidence-help').isVisible()).toBe(false);
      await page.keyboard.press('Enter');
      const help = vitrolles.locator('.evidence-help');
      expect(await help.isVisible()).toBe(true);
      expect(await help.textContent()).toBe(
        fr(
          `Déduit : aucune source ne le dit en toutes lettres pour ce jour-là, mais il découle des sources par un raisonnement que le registre garde (voir la note de la source). La source ne nomme pas les signataires de cette convention : ils sont reportés de la ${cc2011}. Les sources l’attestent jusqu’au 31 décembre 2017 ; au-delà, il ne serait que présumé.`,
        ),
      );
      await page.keyboard.press('Enter');
      expect(await help.isVisible()).toBe(false);
      // The 2015 convention itself is stated that day.
      expect(await page.getAttribute('#liste-conventions > li[data-id="cc-2015"]', 'data-evidence')).toBe('stated');
      expect(await axeViolations(page, axeSource())).toEqual([]);
    },
    SLOW,
  );

  it(
    'at 2030-01-01 the banner says the history stops at the end of 2017 (role status, on screen), and what lasts is « présumé », visibly less certain',
    async () => {
      const state = await stateOf('2030-01-01');
      expect(state.outsideHorizon).toBe(true);
      expect(state.horizonNotice).toBe(NOTICE);
      await setDate(page, '2030-01-01');
      await horizonShown('outside');
      const banner = page.locator('#horizon .horizon-banner');
      expect(await banner.textContent()).toBe(fr(`⚠ ${NOTICE}`));
      expect(await page.getAttribute('#horizon', 'role')).toBe('status');
      expect(await banner.isVisible()).toBe(true);
      // On the phone too: in the width of the screen, just under the state's title.
      const [box] = await boxes(page, '#horizon .horizon-banner');
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(viewport.width);
      const [title] = await boxes(page, '#etat-titre');
      expect(box.top).toBeGreaterThan(title.bottom - 1);
      expect(box.top - title.bottom).toBeLessThan(80);
      await page.locator('#etat').screenshot({ path: join(ARTIFACTS, `evidence-2030-${name}.png`) });

      const lasting = [...state.missions, ...state.instruments, ...state.bodies];
      expect(lasting.length).toBeGreaterThan(5);
      expect(new Set(lasting.map((i) => i.evidence))).toEqual(new Set(['presumed']));
      expect(state.conventions).toEqual([]);
      for (const kind of KINDS) expect((await badges(kind)).map((b) => [b.id, b.evidence])).toEqual(state[kind].map((i) => [i.id, i.evidence]));
      const site = page.locator('#liste-instruments > li[data-id="site-internet"]');
      const siteName = state.instruments.find((i) => i.id === 'site-internet')!.name;
      expect(await site.locator('details.evidence > summary').textContent()).toBe(fr(`○ présumé · attesté jusqu’au 31 décembre 2014 : ${siteName}, pourquoi ?`));

      // Presumed against stated, by shape and type, not by colour: a dashed rule and badge, an empty mark, italics.
      const stated = state.reviews.find((r) => r.evidence === 'stated')!;
      const [presumedItem] = await styles(page, '#liste-instruments > li[data-id="site-internet"]', ['borderLeftStyle']);
      const [statedItem] = await styles(page, `#liste-reviews > li[data-id="${stated.id}"]`, ['borderLeftStyle']);
      expect([presumedItem.borderLeftStyle, statedItem.borderLeftStyle]).toEqual(['dashed', 'none']);
      const [presumedName] = await styles(page, '#liste-instruments > li[data-id="site-internet"] .item-name', ['fontStyle']);
      const [statedName] = await styles(page, `#liste-reviews > li[data-id="${stated.id}"] .item-name`, ['fontStyle']);
      expect([presumedName.fontStyle, statedName.fontStyle]).toEqual(['italic', 'normal']);
      const [presumedBadge] = await styles(page, '#liste-instruments > li[data-id="site-internet"] details.evidence > summary', ['borderTopStyle', 'fontStyle']);
      const [statedBadge] = await styles(page, `#liste-reviews > li[data-id="${stated.id}"] details.evidence > summary`, ['borderTopStyle', 'fontStyle']);
      expect([presumedBadge, statedBadge]).toEqual([
        { borderTopStyle: 'dashed', fontStyle: 'italic' },
        { borderTopStyle: 'solid', fontStyle: 'normal' },
      ]);
      // One badge opened: its explanation says nothing attests it after 2014.
      await site.locator('details.evidence > summary').click();
      expect(await site.locator('.evidence-help').textContent()).toContain(fr('Les sources l’attestent jusqu’au 31 décembre 2014, pas au-delà.'));
      if (name === 'desktop') {
        mkdirSync(DOCS, { recursive: true });
        await page.locator('#etat').screenshot({ path: join(DOCS, 'web-evidence.png') });
      }
      expect(await axeViolations(page, axeSource())).toEqual([]);

      // Back inside the horizon, the banner goes.
      await setDate(page, '2017-12-31');
      await horizonShown('inside');
      expect(await page.locator('#horizon .horizon-banner').count()).toBe(0);
    },
    SLOW,
  );

  it(
    'at 2007-06-30 the 2003 convention’s term at its signing is « énoncé », its renewals « déduit »; the same in its versions',
    async () => {
      const state = await stateOf('2007-06-30');
      const cc2003 = state.conventions.find((c) => c.id === 'cc-2003')! as Item & { termChanges: { evidence: Evidence }[] };
      await setDate(page, '2007-06-30');
      const convention = page.locator('#liste-conventions > li[data-id="cc-2003"]');
      expect(await convention.getAttribute('data-evidence')).toBe(cc2003.evidence);
      expect(await convention.locator('.term-signed').textContent()).toBe(fr('Terme prévu à la signature : 2005 ● énoncé.'));
      expect(await convention.locator('.term-changes .evidence-tag').allTextContents()).toEqual(cc2003.termChanges.map((tc) => fr(`${tc.evidence === 'stated' ? '● ' : '◐ '}${WORD[tc.evidence]}`)));
      expect(cc2003.termChanges.map((tc) => tc.evidence)).toEqual(['inferred', 'inferred']);

      // Its versions: the term at the signing stated; each version with the evidence of its days.
      const items = (await (await fetch(`${harness.base}/api/frameworks/cccs13/items`)).json()) as {
        items: { kind: string; id: string; versions: { view: { evidence: Evidence; attestedUntil?: string } }[] }[];
      };
      const versions = items.items.find((i) => i.kind === 'convention' && i.id === 'cc-2003')!.versions;
      await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&item=convention:cc-2003', 'versions');
      await page.waitForSelector('#versions-contenu[aria-busy="false"] .version');
      expect(await page.getAttribute('.term-signed .evidence-tag', 'data-evidence')).toBe('stated');
      expect(await page.locator('.term-now .term-changes .evidence-tag').evaluateAll((els) => els.map((el) => el.getAttribute('data-evidence')))).toEqual(['inferred', 'inferred']);
      expect(await page.locator('#versions-contenu .version .item-head details.evidence').evaluateAll((els) => els.map((el) => el.getAttribute('data-evidence')))).toEqual(
        versions.map((v) => v.view.evidence),
      );
      expect(versions.map((v) => v.view.evidence)).toEqual(['stated', 'inferred', 'inferred']);
      expect(await axeViolations(page, axeSource())).toEqual([]);
    },
    SLOW,
  );

  it(
    'as known at an instant before anything was recorded, the banner gives the service’s notice for that instant',
    async () => {
      const known = '2020-01-01T00:00:00.000Z';
      const answer = (await (await fetch(`${harness.base}/api/frameworks/cccs13/state?at=2007-06-30&knownAt=${known}`)).json()) as State;
      expect(answer.outsideHorizon).toBe(true);
      await openAt(page, harness.base, `?framework=cccs13&at=2007-06-30&knownAt=${known}`, '2007-06-30', known);
      await horizonShown('outside');
      expect(await page.textContent('#horizon .horizon-banner')).toBe(fr(`⚠ ${answer.horizonNotice}`));
      // Back to everything recorded: inside the horizon again, known from the framework's listing.
      await page.click('#known-at-clear');
      await horizonShown('inside');
      expect(await page.locator('#horizon .horizon-banner').count()).toBe(0);
    },
    SLOW,
  );

  it('logged no error and was never refused', () => {
    expect(harness.pageErrors).toEqual([]);
    expect(harness.elsewhere).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
