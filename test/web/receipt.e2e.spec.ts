/**
 * Receipts in the page, in headless Chromium against the real service, on a desktop and on a
 * phone: a fact recorded from the page shows its receipt (position, fingerprint, signed head),
 * downloaded as a JSON file and copied; pasted in « Vérifier un reçu » after the log has grown,
 * every check the page makes itself is « vérifié »; one hex digit changed in the leaf hash fails the
 * inclusion, a changed root fails the consistency; text that is not JSON is said next to the
 * field; the view has its own address (Back and Forward), works by keyboard alone, and axe-core
 * finds no violation in it.
 */
import type { Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { axeViolations, focused, pageTexts, typographyFaults } from './support/in-page.js';
import { axeSource, openAt, openView, SLOW, startHarness, TOKEN, urlParams, VIEWPORTS, type Harness } from './support/harness.js';
import { auditEvents, control, fillSource, preview, signInOnPage, tabTo } from './support/record-form.js';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs');
declare const navigator: { clipboard: { readText(): Promise<string> } };

interface Receipt {
  position: number;
  leafIndex: number;
  leafHash: string;
  treeHead: { treeSize: number; rootHash: string; timestamp: string; keyId: string; signature: string };
  inclusionProof: string[];
}
/** One hex digit changed. */
const flip = (s: string, at: number) => s.slice(0, at) + ((parseInt(s[at], 16) + 1) % 16).toString(16) + s.slice(at + 1);

describe.each(VIEWPORTS)('receipts on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;
  let axe: string;
  /** The receipt the page gave for the fact it recorded, as downloaded. */
  let kept: Receipt;
  let keptText: string;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.base });
    axe = axeSource();
  }, SLOW);
  afterAll(() => harness?.close());

  /** Pastes the text in « Vérifier un reçu » and verifies it: each check's result. */
  async function verify(text: string): Promise<Record<string, string | null>> {
    await page.fill('#verif-recu', text);
    await page.click('#verif-submit');
    await page.waitForSelector('#verif-resultats:not([hidden])[aria-busy="false"] #verif-liste');
    const results: Record<string, string | null> = {};
    for (const li of await page.locator('#verif-liste > li').all()) results[(await li.getAttribute('data-check'))!] = await li.getAttribute('data-result');
    return results;
  }
  const allVerified = { inclusion: 'verified', consistency: 'verified', key: 'verified', signature: 'verified' };

  it(
    'records a fact and shows its receipt; downloads and copies it; the log grows; pasted in « Vérifier un reçu », every check is « vérifié »',
    async () => {
      await openView(page, harness.base, '?framework=cccs13&at=2007-06-30&panel=record', 'enregistrer');
      await signInOnPage(page, TOKEN);
      await page.selectOption('#fact-type', 'PartyJoined');
      await control(page, 'effectiveDate').fill('2007-03');
      await control(page, 'data.conventionId').selectOption('cc-2003');
      await control(page, 'data.party').selectOption('__nouveau__');
      await control(page, 'data.party.name').fill('Aubagne');
      await control(page, 'data.party.kind').selectOption('commune');
      await fillSource(page, { document: 'Délibération du conseil municipal d’Aubagne, mars 2007', passage: 'La commune adhère à la convention cadre', confidence: 'stated' });
      expect(await preview(page)).toBe('accepted');
      await page.click('#fact-record');
      await page.waitForSelector('#resultat .receipt-card[data-receipt="ready"]');
      const recorded = (await auditEvents(harness.base)).at(-1)!;
      const card = page.locator('#resultat .receipt-card');
      expect(await card.locator('.receipt-position').textContent()).toBe(`N°\u00A0${recorded.position}`);

      const [download] = await Promise.all([page.waitForEvent('download'), card.locator('.receipt-download').click()]);
      expect(download.suggestedFilename()).toBe(`recu-position-${recorded.position}.json`);
      keptText = readFileSync((await download.path())!, 'utf8');
      kept = JSON.parse(keptText) as Receipt;
      expect(kept.position).toBe(recorded.position);
      // The fingerprint shown is the leaf's, short; the whole of it on demand.
      expect(await card.locator('.receipt-leaf').textContent()).toBe(`${kept.leafHash.slice(0, 12)}…`);
      expect(await card.locator('.receipt-head').textContent()).toContain(`${kept.treeHead.treeSize} événements, signée le`);
      const inclusion = (await (await fetch(`${harness.base}/api/log/proof/inclusion?position=${kept.position}&treeSize=${kept.treeHead.treeSize}`)).json()) as { leafHash: string; proof: string[] };
      expect(inclusion).toMatchObject({ leafHash: kept.leafHash, proof: kept.inclusionProof });
      await card.locator('.receipt-copy').click();
      await page.waitForSelector('#resultat .receipt-status:has-text("copié")');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(keptText);
      expect(typographyFaults(await pageTexts(page))).toEqual([]);
      expect({ violations: await axeViolations(page, axe) }).toEqual({ violations: [] });

      // The log grows after the receipt (another append): the check then needs a real consistency proof.
      const created = await fetch(`${harness.base}/api/frameworks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: `essai-${name}`, name: 'Essai de reçu', effectiveDate: '1900' }),
      });
      expect(created.status).toBe(201);
      const head = (await (await fetch(`${harness.base}/api/log/head`)).json()) as { treeSize: number };
      expect(head.treeSize).toBeGreaterThan(kept.treeHead.treeSize);

      await page.click('#nav-verify');
      await page.waitForSelector('#verifier:not([hidden])');
      expect(urlParams(page).get('panel')).toBe('verify');
      expect((await focused(page))!.id).toBe('verifier-titre');
      expect(await page.isVisible('#etat')).toBe(false);
      expect(await verify(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(allVerified);
      expect((await focused(page))!.id).toBe('verif-resultats-titre');
      expect(await page.textContent('#verif-liste')).toContain('vérifié');
      expect(await page.textContent('[data-check="consistency"] .check-detail')).toContain(`La tête actuelle (${head.treeSize} événements`);
      expect(await page.textContent('#verif-resultats')).toContain('plus faible qu’avec une clé que vous avez gardée');
      // What the service says is at that position.
      await page.waitForSelector(`#verif-evenement .verify-event[data-event-id="${recorded.eventId}"]`);
      expect(await page.textContent('#verif-evenement')).toContain('Aubagne');
      expect(typographyFaults(await pageTexts(page))).toEqual([]);
      expect({ violations: await axeViolations(page, axe) }).toEqual({ violations: [] });
      if (name === 'desktop') {
        mkdirSync(DOCS, { recursive: true });
        await page.locator('#verifier').screenshot({ path: join(DOCS, 'web-receipt.png') });
      }

      // With the key the partner kept (the service's, fetched now) and from the file.
      const key = (await (await fetch(`${harness.base}/api/log/key`)).json()) as { publicKeyPem: string };
      await page.fill('#verif-cle', key.publicKeyPem);
      expect(await verify(keptText)).toEqual(allVerified);
      expect(await page.textContent('#verif-resultats')).toContain('avec la clé que vous avez gardée');
      await page.fill('#verif-cle', '');
      await page.fill('#verif-recu', '');
      await page.setInputFiles('#verif-fichier', { name: 'recu.json', mimeType: 'application/json', buffer: Buffer.from(keptText) });
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('#verif-liste > li[data-result="verified"]').length === 4);
      expect(await page.inputValue('#verif-recu')).toBe(keptText);
    },
    SLOW,
  );

  it(
    'one hex digit changed in the leaf hash fails the inclusion; a changed root fails the consistency; not JSON is said next to the field',
    async () => {
      await openView(page, harness.base, '?framework=cccs13&panel=verify', 'verifier');
      expect(await verify(JSON.stringify({ ...kept, leafHash: flip(kept.leafHash, 20) }))).toEqual({ ...allVerified, inclusion: 'failed' });
      expect(await page.textContent('[data-check="inclusion"]')).toContain('échec');
      expect(await page.textContent('.verify-summary')).toContain('1 vérification sur 4 en échec');

      const rewritten = { ...kept, treeHead: { ...kept.treeHead, rootHash: flip(kept.treeHead.rootHash, 5) } };
      const results = await verify(JSON.stringify(rewritten));
      expect(results.consistency).toBe('failed');
      expect(results.signature).toBe('failed');
      expect(await page.textContent('[data-check="consistency"] .check-detail')).toContain(`Le journal a été réécrit après ce reçu\u00A0: la position ${kept.position}`);
      expect({ violations: await axeViolations(page, axe) }).toEqual({ violations: [] });

      await page.fill('#verif-recu', '{ position: 12');
      await page.click('#verif-submit');
      await page.waitForSelector('#verif-recu-erreur:not([hidden])');
      expect(await page.textContent('#verif-recu-erreur')).toContain('n’est pas du JSON');
      expect(await page.getAttribute('#verif-recu', 'aria-invalid')).toBe('true');
      expect(await page.isVisible('#verif-resultats')).toBe(false);
      await page.fill('#verif-recu', JSON.stringify({ ...kept, leafHash: `z${kept.leafHash.slice(1)}` }));
      await page.click('#verif-submit');
      expect(await page.textContent('#verif-recu-erreur')).toBe(fr('Le champ « leafHash » doit être une suite de 64 chiffres hexadécimaux (0-9, a-f en minuscules) : il contient des caractères qui ne sont pas hexadécimaux.'));
      expect({ violations: await axeViolations(page, axe) }).toEqual({ violations: [] });
      expect(harness.pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'by keyboard alone: the link in the header, the receipt, « Vérifier », the results; Back returns to the state, Forward to the view',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await tabTo(page, '#nav-verify');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#verifier:not([hidden])');
      expect((await focused(page))!.id).toBe('verifier-titre');
      await tabTo(page, '#verif-recu', 5);
      await page.keyboard.insertText(keptText);
      await tabTo(page, '#verif-submit', 10);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#verif-resultats:not([hidden])[aria-busy="false"] #verif-liste');
      expect((await focused(page))!.id).toBe('verif-resultats-titre');
      expect(await page.locator('#verif-liste > li[data-result="verified"]').count()).toBe(4);

      await page.goBack();
      await page.waitForSelector('#verifier[hidden]', { state: 'attached' });
      expect(await page.isVisible('#etat')).toBe(true);
      expect(urlParams(page).get('panel')).toBeNull();
      await page.goForward();
      await page.waitForSelector('#verifier:not([hidden])');
      expect(urlParams(page).get('panel')).toBe('verify');
      expect(harness.pageErrors).toEqual([]);
      expect(harness.elsewhere).toEqual([]);
      // The log's reads the checks make: none refused.
      expect(harness.refusals.filter((r) => r.includes('/api/log'))).toEqual([]);
    },
    SLOW,
  );
});
