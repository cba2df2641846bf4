/**
 * Print and export, in headless Chromium: the printed « État au … » (a header, the state, the
 * sources as numbered notes, no controls), the state as a CSV file that a spreadsheet set to French
 * reads, and the timeline as an SVG file that stands alone.
 */
import type { Download, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { ARTIFACTS, DESKTOP, openAt, SLOW, startHarness, type Harness } from './support/harness.js';

const KINDS = ['conventions', 'parties', 'missions', 'instruments', 'bodies', 'reviews', 'milestones', 'conflicts'] as const;
type State = Record<(typeof KINDS)[number], { id: string; name: string; approximate: boolean; evidence: 'stated' | 'inferred' | 'presumed'; attestedUntil?: string; source: { passage: string } }[]>;

/** Splits a CSV of « ; » fields, some quoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('print and export, in headless Chromium', () => {
  let harness: Harness;
  let page: Page;
  let state: State;
  const visible = (selector: string) => page.isVisible(selector);
  const saved = async (download: Download) => readFileSync((await download.path())!, 'utf8');

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(DESKTOP);
    state = (await (await fetch(`${harness.base}/api/frameworks/cccs13/state?at=2007-06-30`)).json()) as State;
    await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    'prints a clean « État au … »: a header, the state, the sources as numbered notes, and none of the controls',
    async () => {
      // The titles of the documents come with the first source opened (or with « Imprimer l’état »).
      await page.click('#liste-parties > li[data-id="vitrolles"] details.source > summary');
      await page.waitForSelector('#notes-liste [data-titled="true"]', { state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      try {
        for (const hidden of ['#reglages', '#frise', '#differences', '#journal', '.site-header nav', '.toolbar', 'details.source']) expect({ hidden, visible: await visible(hidden) }).toEqual({ hidden, visible: false });
        expect(await page.textContent('h1')).toBe('Historique de la gouvernance');
        expect(await page.textContent('#etat-titre')).toBe('État au 30 juin 2007');
        expect(await page.textContent('#impression-dispositif')).toBe(fr('Convention cadre des centres sociaux des Bouches-du-Rhône (CCCS13) — état au 30 juin 2007'));
        expect(await page.textContent('#impression-connu')).toContain('Le registre complet, tel qu’enregistré au');
        expect(await page.textContent('#impression-adresse')).toContain('/?framework=cccs13&at=2007-06-30');
        const items = KINDS.flatMap((k) => state[k]);
        const notes = await page.$$eval('#notes-liste > li', (els) => els.map((el) => el.textContent ?? ''));
        expect(notes).toHaveLength(items.length);
        expect(await page.locator('#etat .note-ref').count()).toBe(items.length);
        expect(await page.isVisible('#notes')).toBe(true);
        // Each note: the fact, the document by its title, the passage, the confidence.
        const vitrolles = state.parties.find((p) => p.id === 'vitrolles')!;
        const note = notes.find((n) => n.startsWith('Vitrolles'))!;
        expect(note).toContain('Historique de la Convention cadre des centres sociaux des Bouches-du-Rhône');
        expect(note).toContain(fr(`« ${vitrolles.source.passage} »`));
        expect(note).toContain(fr(`Vitrolles (déduit, attesté jusqu’au 31 décembre 2017)`));
        // Each item's evidence is printed, in words and marks, not in colour only.
        expect(await page.locator('#etat details.evidence > summary:visible').count()).toBe(items.length);
        expect(await page.textContent('#liste-missions > li[data-id="mission-sociale"] details.evidence > summary')).toContain(fr('présumé · attesté jusqu’au 31 décembre 2005'));
        await page.pdf({ path: join(ARTIFACTS, 'etat-2007-06-30.pdf'), format: 'A4' });
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    },
    SLOW,
  );

  it(
    'exports the state on the date as CSV: one line per item, French headers, « ; » between fields, UTF-8 with its mark',
    async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      expect(download.suggestedFilename()).toBe('etat-cccs13-2007-06-30.csv');
      const text = await saved(download);
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseCsv(text.slice(1));
      expect(rows[0]).toEqual(['Catégorie', 'Identifiant', 'Nom', 'Depuis', 'Date de la source', 'Approximatif', 'Fin', 'Signataires ou conventions', 'Document', 'Passage', 'Confiance', 'Note', 'Fait (identifiant)', 'Preuve', 'Attesté jusqu’au']);
      const items = KINDS.flatMap((k) => state[k]);
      expect(rows.slice(1).map((r) => [r[1], r[2], r[5]])).toEqual(items.map((i) => [i.id, i.name, i.approximate ? 'oui' : 'non']));
      // The evidence of each item that day, as the service answers it, and the last day attested.
      const words = { stated: 'énoncé', inferred: 'déduit', presumed: 'présumé' } as const;
      expect(rows.slice(1).map((r) => [r[1], r[13], r[14]])).toEqual(items.map((i) => [i.id, words[i.evidence], i.attestedUntil ?? '']));
      expect(rows.find((r) => r[1] === 'mission-sociale')!.slice(13)).toEqual(['présumé', '2005-12-31']);
      const convention = rows.find((r) => r[1] === 'cc-2003')!;
      expect(convention[6]).toBe('2007-12-31');
      expect(convention[7].split(', ')).toHaveLength(14);
      expect(rows.find((r) => r[1] === 'vitrolles')![9]).toBe(state.parties.find((p) => p.id === 'vitrolles')!.source.passage);
    },
    SLOW,
  );

  it(
    'downloads the timeline as an SVG file that stands alone: its colours written in, its targets, no focus ring',
    async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
      expect(download.suggestedFilename()).toBe('frise-cccs13.svg');
      const svg = await saved(download);
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect(svg).toContain('<title>Frise chronologique — Convention cadre des centres sociaux des Bouches-du-Rhône (CCCS13)</title>');
      const targets = await page.locator('#timeline .el').count();
      expect(svg.match(/<g [^>]*data-kind=/g)).toHaveLength(targets);
      expect(svg).not.toMatch(/tabindex|class=/);
      expect(svg).toContain('fill="rgb(29, 78, 216)"');
      expect(svg).toContain('url(&quot;#pattern-renewal&quot;)');
      // It opens as an image of its own.
      const viewer = await harness.open(DESKTOP);
      await viewer.setContent(`<img id="frise" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`);
      await viewer.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { complete: boolean; naturalWidth: number } } }).document.getElementById('frise').complete);
      expect(await viewer.$eval('#frise', (img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(500);
      await viewer.context().close();
    },
    SLOW,
  );

  it('logged no error, loaded nothing from elsewhere, and was never refused', () => {
    expect(harness.pageErrors).toEqual([]);
    expect(harness.elsewhere).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
