/**
 * The web page in a real headless Chromium (playwright-core), against the real service on a free
 * port. Needs Chromium (`apt-get install -y chromium`, or CHROMIUM_PATH); without it these tests
 * fail, they are never skipped. Screenshots go to test-artifacts/ at the project root.
 */
import type { INestApplication } from '@nestjs/common';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/platform/config/app-config.js';
import { createHttpApp } from '../../src/http-app.js';
import { CCCS13_SEED } from '../../src/modules/frameworks/seed/cccs13.seed.js';

/*
 * The callbacks given to page.evaluate and $$eval run in the browser. The project compiles without
 * the DOM library, so the little they use is declared here, for this module only.
 */
interface DomElement {
  id: string;
  tagName: string;
  className: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  parentElement: DomElement | null;
  open?: boolean;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number; width: number; height: number };
}
declare const document: {
  documentElement: { scrollWidth: number };
  activeElement: DomElement | null;
  body: unknown;
  querySelectorAll(selector: string): Iterable<DomElement>;
  createTreeWalker(root: unknown, what: number): { nextNode(): { textContent: string | null; parentElement: DomElement | null } | null };
};
declare const window: { innerWidth: number };
declare const NodeFilter: { SHOW_TEXT: number };
declare function getComputedStyle(element: DomElement): { color: string; backgroundColor: string; fill: string; outlineStyle: string };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');
const TOKEN = 'secretariat-token-0123456789';
const KINDS = ['conventions', 'parties', 'missions', 'instruments', 'bodies', 'reviews', 'milestones', 'conflicts'] as const;
const WIDE = { width: 1280, height: 900 };

interface Item {
  id: string;
  name: string;
  approximate: boolean;
  start?: string;
  end?: string | null;
  parties?: { id: string; name: string }[];
}
type State = Record<(typeof KINDS)[number], Item[]> & { at: string; knownAt: string | null };

const parties1994 = (
  CCCS13_SEED.find((e) => e.type === 'ConventionSigned' && (e.data as { conventionId: string }).conventionId === 'cc-1994')!.data as {
    parties: { id: string; name: string }[];
  }
).parties;

describe('the web page in headless Chromium', () => {
  let dataDir: string;
  let profileDir: string;
  let app: INestApplication;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let aubagneEventId = '';
  const elsewhere: string[] = [];

  const api = async <T = State>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const apiState = (at: string, knownAt?: string) =>
    api(`/api/frameworks/cccs13/state?at=${at}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}`);

  /** Waits until the state region shows `at` (as known at `knownAt`, which the API answers with milliseconds) and the timeline is drawn. */
  async function shown(at: string, knownAt = '') {
    const canonical = knownAt ? new Date(knownAt).toISOString() : '';
    await page.waitForSelector(`#etat[aria-busy="false"][data-at="${at}"][data-known-at="${canonical}"]`);
    await page.waitForSelector('#timeline[data-ready="true"]');
  }
  async function open(query: string, at: string, knownAt = '') {
    await page.goto(`${base}/${query}`);
    await shown(at, knownAt);
  }
  async function setDate(at: string, knownAt = '') {
    await page.fill('#date', at);
    await shown(at, knownAt);
  }
  const listed = (kind: string) =>
    page.$$eval(`#liste-${kind} > li[data-id]`, (els) =>
      els.map((el) => ({
        id: (el as DomElement).dataset.id!,
        name: el.querySelector('.item-name')!.textContent!,
        approximate: (el as DomElement).dataset.approximate === 'true',
        approxBadge: el.querySelector('.item-head .approx') !== null,
      })),
    );
  const urlParams = () => new URL(page.url()).searchParams;
  const screenshot = (name: string, options: { fullPage?: boolean } = {}) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: options.fullPage ?? false });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: the browser tests need a real Chromium. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
      );
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'governance-browser-'));
    profileDir = mkdtempSync(join(tmpdir(), 'governance-chromium-'));
    // API_ADMINS: the test also records a correction (an admin's write where roles apply).
    app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}`, API_ADMINS: 'secretariat' }), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    // playwright-core refuses --user-data-dir in launch(): a persistent context on a fresh directory is the same thing.
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=fr-FR',
      ],
      // Accept-Language and navigator.language. (The native date fields keep the en-US layout unless the
      // chromium-l10n package is installed; the page writes every date in French next to them.)
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: WIDE,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(base) && !url.startsWith('data:')) elsewhere.push(url);
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens in French on the CCCS13 framework, with the timeline drawn and the date in the URL', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('#etat[aria-busy="false"][data-at]');
    await page.waitForSelector('#timeline[data-ready="true"]');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Historique de la gouvernance');
    expect(await page.inputValue('#framework')).toBe('cccs13');
    const at = await page.inputValue('#date');
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(urlParams().get('framework')).toBe('cccs13');
    expect(urlParams().get('at')).toBe(at);
    expect(await page.locator('#timeline svg [role="button"]').count()).toBeGreaterThan(20);
  });

  it('on 1995-01-01 shows exactly État, the CAF13 and Marseille as parties, dated to the day', async () => {
    await setDate('1995-01-01');
    const parties = await listed('parties');
    expect(parties.map((p) => p.name).sort()).toEqual(
      ['État', 'Caisse d’allocations familiales des Bouches-du-Rhône (CAF13)', 'Marseille'].sort(),
    );
    expect(parties.map((p) => p.name).sort()).toEqual(parties1994.map((p) => p.name).sort());
    expect(parties.every((p) => !p.approximate && !p.approxBadge)).toBe(true);
    expect((await listed('conventions')).map((c) => c.id)).toEqual(['cc-1994']);
    expect(await page.textContent('#etat-titre')).toBe('État au 1er janvier 1995');
    expect(urlParams().get('at')).toBe('1995-01-01');
    expect(await page.getAttribute('#date-slider', 'aria-valuetext')).toBe('1er janvier 1995');
    expect(await page.textContent('#date-aide')).toBe('État du dispositif le 1er janvier 1995.');
    await page.locator('#date').blur();
    await screenshot('page-1995-01-01');
  });

  it('on 2007-06-30 shows Vitrolles and Salon-de-Provence, marked approximate, and the renewed convention', async () => {
    await setDate('2007-06-30');
    const parties = await listed('parties');
    expect(parties).toHaveLength(14);
    for (const name of ['Vitrolles', 'Salon-de-Provence']) {
      const party = parties.find((p) => p.name === name);
      expect(party).toMatchObject({ approximate: true, approxBadge: true });
    }
    const vitrolles = page.locator('#liste-parties > li[data-id="vitrolles"]');
    await expect(vitrolles.locator('.approx').isVisible()).resolves.toBe(true);
    expect(await vitrolles.locator('.approx').textContent()).toContain('≈ approximatif');
    const convention = page.locator('#liste-conventions > li[data-id="cc-2003"]');
    expect(await convention.getAttribute('data-end')).toBe('2007-12-31');
    expect(await convention.locator('.convention-end').textContent()).toContain('31 décembre 2007');
    expect(await convention.locator('.term-changes li').allTextContents()).toEqual([
      expect.stringContaining('Reconduction'),
      expect.stringContaining('Reconduction'),
    ]);
    await page.locator('#date').blur();
    await screenshot('page-2007-06-30-wide', { fullPage: true });
    await screenshot('page-2007-06-30-wide-viewport');
  });

  it("opens a fact's source in one click: passage, document, confidence and note", async () => {
    const expected = (await apiState('2007-06-30')).parties.find((p) => p.id === 'vitrolles') as Item & {
      source: { passage: string; document: string; confidence: 'stated' | 'inferred'; note?: string };
    };
    const item = page.locator('#liste-parties > li[data-id="vitrolles"]');
    const passage = item.locator('details.source .passage');
    expect(await passage.isVisible()).toBe(false);
    await item.locator('details.source > summary').click();
    expect(await passage.isVisible()).toBe(true);
    expect(await passage.textContent()).toBe(expected.source.passage);
    expect(await item.locator('details.source .document').textContent()).toBe(expected.source.document);
    expect(await item.locator('details.source .confidence').textContent()).toBe(
      expected.source.confidence === 'stated' ? 'énoncé' : 'déduit',
    );
    if (expected.source.note) expect(await item.locator('details.source .note').textContent()).toBe(expected.source.note);
    await item.screenshot({ path: join(ARTIFACTS, 'source-vitrolles.png') });
  });

  it('draws the conventions with their renewals as the API answers them', async () => {
    const segments = await page.$$eval('#timeline [data-kind="convention"][data-id="cc-2003"]', (els) =>
      els.map((el) => [el.getAttribute('data-segment'), el.getAttribute('data-from'), el.getAttribute('data-to')]),
    );
    expect(segments).toEqual([
      ['term', '2003-01-01', '2005-12-31'],
      ['renewal', '2006-01-01', '2006-12-31'],
      ['renewal', '2007-01-01', '2007-12-31'],
    ]);
    const state = await apiState('2007-06-30');
    expect(segments[segments.length - 1][2]).toBe(state.conventions[0].end);
    const vitrolles = await page.$$eval('#timeline [data-kind="party"][data-id="vitrolles"]', (els) =>
      els.map((el) => [el.getAttribute('data-from'), el.getAttribute('class')]),
    );
    expect(vitrolles[0][0]).toBe('2006-01-01');
    expect(vitrolles[0][1]).toContain('approx-start');
    expect(await page.locator('#timeline .mark').count()).toBeGreaterThanOrEqual(5);
  });

  it('a click on the timeline sets the date control, the URL and the state', async () => {
    await page.click('#timeline [data-kind="convention"][data-id="cc-2008"][data-segment="term"]');
    await shown('2008-01-01');
    expect(await page.inputValue('#date')).toBe('2008-01-01');
    expect(urlParams().get('at')).toBe('2008-01-01');
    expect((await listed('conventions')).map((c) => c.id)).toEqual(['cc-2008']);
    const slider = Number(await page.inputValue('#date-slider'));
    expect(new Date(slider * 86_400_000).toISOString().slice(0, 10)).toBe('2008-01-01');
    // A milestone mark: the date becomes the first day of its date.
    await page.click('#timeline .mark[data-id="premices-reflexion"]');
    await shown('1980-01-01');
    expect((await listed('milestones')).map((m) => m.id)).toEqual(['premices-reflexion']);
    expect(urlParams().get('at')).toBe('1980-01-01');
  });

  it('the diff 2005-06-30 → 2007-06-30 shows Vitrolles and Salon-de-Provence as new', async () => {
    await setDate('2007-06-30');
    await page.fill('#diff-from', '2005-06-30');
    await page.fill('#diff-to', '2007-06-30');
    await page.click('#diff-submit');
    await page.waitForSelector('#diff-result[data-from="2005-06-30"][data-to="2007-06-30"][aria-busy="false"]');
    const entered = await page.$$eval('#diff-result [data-list="diff-entres"] > li', (els) =>
      els.map((el) => [(el as DomElement).dataset.kind, el.querySelector('.diff-name')!.textContent]),
    );
    expect(entered.sort()).toEqual([
      ['party', 'Salon-de-Provence'],
      ['party', 'Vitrolles'],
    ]);
    const expected = await api<{ cameIntoForce: { id: string }[]; changed: { id: string }[] }>(
      '/api/frameworks/cccs13/diff?from=2005-06-30&to=2007-06-30',
    );
    expect(
      await page.$$eval('#diff-result [data-list="diff-entres"] > li', (els) => els.map((el) => (el as DomElement).dataset.id)),
    ).toEqual(expected.cameIntoForce.map((e) => e.id));
    expect(
      await page.$$eval('#diff-result [data-list="diff-modifies"] > li', (els) => els.map((el) => (el as DomElement).dataset.id)),
    ).toEqual(expected.changed.map((e) => e.id));
    expect(await page.textContent('#diff-result [data-list="diff-modifies"]')).toContain('ajout de Salon-de-Provence, Vitrolles');
    expect(urlParams().get('from')).toBe('2005-06-30');
    expect(urlParams().get('to')).toBe('2007-06-30');
    await page.locator('#differences').screenshot({ path: join(ARTIFACTS, 'diff-2005-06-30-2007-06-30.png') });
  });

  it('lists what the API answers for the same dates (every list, in order, with terms, parties and approximate marks)', async () => {
    for (const at of ['1995-01-01', '2000-06-30', '2007-06-30', '2013-06-30']) {
      await open(`?framework=cccs13&at=${at}`, at);
      const state = await apiState(at);
      for (const kind of KINDS) {
        const onPage = await listed(kind);
        expect({ at, kind, items: onPage.map(({ id, name, approximate }) => ({ id, name, approximate })) }).toEqual({
          at,
          kind,
          items: state[kind].map(({ id, name, approximate }) => ({ id, name, approximate })),
        });
        expect(onPage.every((item) => item.approxBadge === item.approximate)).toBe(true);
      }
      const conventions = await page.$$eval('#liste-conventions > li[data-id]', (els) =>
        els.map((el) => ({
          id: (el as DomElement).dataset.id,
          start: (el as DomElement).dataset.start,
          end: (el as DomElement).dataset.end || null,
          parties: [...el.querySelectorAll('[data-party]')].map((p) => (p as DomElement).dataset.party),
        })),
      );
      expect(conventions).toEqual(
        state.conventions.map((c) => ({ id: c.id, start: c.start, end: c.end ?? null, parties: c.parties!.map((p) => p.id) })),
      );
    }
  });

  it('restores a shared view from the URL (date, known-at, diff dates)', async () => {
    const knownAt = '2099-01-01T12:34:56.789Z';
    await open(
      `?framework=cccs13&at=2000-06-30&knownAt=${encodeURIComponent(knownAt)}&from=1995-01-01&to=2000-06-30`,
      '2000-06-30',
      knownAt,
    );
    expect(await page.inputValue('#date')).toBe('2000-06-30');
    expect(await page.inputValue('#known-at')).toBe('2099-01-01T12:34:56.789');
    expect(await page.inputValue('#diff-from')).toBe('1995-01-01');
    await page.waitForSelector('#diff-result[data-from="1995-01-01"][data-to="2000-06-30"]');
    expect(urlParams().get('knownAt')).toBe(knownAt);
    expect(urlParams().get('from')).toBe('1995-01-01');
  });

  it('known at an instant before the history was loaded: an empty state; then back to everything recorded', async () => {
    await open('?framework=cccs13&at=2007-06-30', '2007-06-30');
    await page.fill('#known-at', '2020-01-01T00:00:00');
    await shown('2007-06-30', '2020-01-01T00:00:00Z');
    for (const kind of KINDS) expect(await listed(kind)).toEqual([]);
    expect(await page.textContent('#etat-resume')).toContain("Rien n'était encore enregistré");
    expect(urlParams().get('knownAt')).toBe('2020-01-01T00:00:00Z');
    expect(await page.textContent('#timeline')).toContain('Aucun fait');
    await page.click('#known-at-clear');
    await shown('2007-06-30');
    expect((await listed('parties')).map((p) => p.id)).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence']));
    expect(urlParams().has('knownAt')).toBe(false);
  });

  it('on a narrow screen (375 px): no horizontal scroll, sections stacked', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await open('?framework=cccs13&at=2007-06-30', '2007-06-30');
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      const boxes = await page.$$eval('main > section', (els) =>
        els.map((el) => {
          const r = (el as DomElement).getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, right: r.right };
        }),
      );
      for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
      for (const box of boxes) expect(box.right).toBeLessThanOrEqual(375);
      const blocks = await page.$$eval('.state-block', (els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
      expect(new Set(blocks).size).toBe(1);
      const svgWidth = await page.$eval('#timeline svg', (el) => el.getBoundingClientRect().width);
      expect(svgWidth).toBeLessThanOrEqual(375);
      await screenshot('page-2007-06-30-narrow', { fullPage: true });
    } finally {
      await page.setViewportSize(WIDE);
    }
  });

  it('keyboard: Tab reaches the date field and the timeline marks, with a visible focus; Enter sets the date', async () => {
    await open('?framework=cccs13&at=2007-06-30', '2007-06-30');
    await page.locator('body').focus();
    const reached: string[] = [];
    let date = -1;
    let firstMark = -1;
    for (let i = 0; i < 400 && firstMark < 0; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return '';
        const cls = el.getAttribute('class') ?? '';
        return el.id ? `#${el.id}` : cls.includes('mark') ? 'mark' : cls.includes('el ') ? 'bar' : el.tagName.toLowerCase();
      });
      reached.push(focused);
      if (focused === '#date' && date < 0) {
        date = i;
        const outline = await page.$eval('#date', (el) => getComputedStyle(el).outlineStyle);
        expect(outline).not.toBe('none');
      }
      if (focused === 'mark') firstMark = i;
    }
    expect(reached[0]).toBe('a');
    expect(reached.indexOf('#framework')).toBeLessThan(date);
    expect(date).toBeGreaterThanOrEqual(0);
    // Chromium tabs through the day, month and year of a date field: the slider comes right after.
    expect(reached[reached.lastIndexOf('#date') + 1]).toBe('#date-slider');
    expect(reached.indexOf('bar')).toBeGreaterThan(date);
    expect(firstMark).toBeGreaterThan(reached.indexOf('bar'));
    const markDate = await page.evaluate(() => document.activeElement!.getAttribute('data-date'));
    expect(await page.evaluate(() => document.activeElement!.getAttribute('role'))).toBe('button');
    expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-label'))).toMatch(/afficher l’état au/);
    await page.keyboard.press('Enter');
    await shown(markDate!);
    expect(urlParams().get('at')).toBe(markDate);
    // The slider moves by a year with Page Up.
    await page.focus('#date-slider');
    await page.keyboard.press('PageUp');
    const nextYear = `${Number(markDate!.slice(0, 4)) + 1}${markDate!.slice(4)}`;
    await shown(nextYear);
  });

  it('every text has a contrast of at least 4.5:1 with its background', async () => {
    await open('?framework=cccs13&at=2007-06-30&from=2005-06-30&to=2007-06-30', '2007-06-30');
    await page.waitForSelector('#diff-result[aria-busy="false"]');
    await page.$$eval('details.source', (els) => els.forEach((el) => ((el as DomElement).open = true)));
    const failures = await page.evaluate(() => {
      const parse = (c: string) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1]
          .split(/[ ,/]+/)
          .filter(Boolean)
          .map(Number);
        return { r, g, b, a };
      };
      const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el: DomElement | null) => {
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0.5) return c;
        }
        return { r: 255, g: 255, b: 255, a: 1 };
      };
      const bad: string[] = [];
      let checked = 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent!.trim() || el.closest('svg, .sr-only, .skip-link, option')) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        const fg = parse(getComputedStyle(el).color)!;
        const l1 = lum(fg);
        const l2 = lum(background(el));
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        checked++;
        if (ratio < 4.5) bad.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${node.textContent!.trim().slice(0, 30)}"`);
      }
      // The labels of the timeline, drawn on white.
      for (const text of document.querySelectorAll('#timeline svg text:not(.bar-text)')) {
        const fill = parse(getComputedStyle(text).fill)!;
        const ratio = 1.05 / (lum(fill) + 0.05);
        checked++;
        if (ratio < 4.5) bad.push(`svg text.${text.getAttribute('class')}: ${ratio.toFixed(2)}`);
      }
      return { bad, checked };
    });
    expect(failures.bad).toEqual([]);
    expect(failures.checked).toBeGreaterThan(300);
  });

  it('known at an instant between two recordings: the later fact is absent, and the audit log marks it', async () => {
    const seedRecordedAt = (await api<{ events: { recordedAt: string }[] }>('/api/frameworks/cccs13/history')).events.at(-1)!.recordedAt;
    const appended = await fetch(`${base}/api/frameworks/cccs13/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'PartyJoined',
        effectiveDate: '2007-03',
        data: { conventionId: 'cc-2003', party: { id: 'aubagne', name: 'Aubagne', kind: 'commune' } },
        source: { document: 'Test du navigateur', passage: 'Aubagne rejoint la convention cadre', confidence: 'stated' },
      }),
    });
    expect(appended.status).toBe(201);
    const { eventId } = (await appended.json()) as { eventId: string };
    aubagneEventId = eventId;
    await open('?framework=cccs13&at=2007-06-30', '2007-06-30');
    expect((await listed('parties')).map((p) => p.id)).toContain('aubagne');
    expect(await page.getAttribute(`#fait-${eventId}`, 'class')).toBeNull();

    // To the millisecond: the instant the seed was recorded, before the new fact.
    await page.fill('#known-at', seedRecordedAt.slice(0, 23));
    const knownAt = seedRecordedAt;
    await shown('2007-06-30', knownAt);
    expect(urlParams().get('knownAt')).toBe(knownAt);
    const parties = await listed('parties');
    expect(parties).toHaveLength(14);
    expect(parties.map((p) => p.id)).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence']));
    expect(parties.map((p) => p.id)).not.toContain('aubagne');
    expect(parties.map(({ id, name, approximate }) => ({ id, name, approximate }))).toEqual(
      (await apiState('2007-06-30', knownAt)).parties.map(({ id, name, approximate }) => ({ id, name, approximate })),
    );
    expect(await page.getAttribute(`#fait-${eventId}`, 'class')).toContain('later');
    expect(await page.locator('#audit tr.later').count()).toBe(1);
    const row = page.locator(`#fait-${eventId}`);
    expect(await row.locator('.actor').textContent()).toBe('secretariat');
    expect(await row.textContent()).toContain('Aubagne rejoint Convention cadre 2003 - 2005');
    expect(await row.textContent()).toContain('postérieur au « connu au »');
    await row.locator('details.source > summary').click();
    expect(await row.locator('.passage').textContent()).toBe('Aubagne rejoint la convention cadre');
    await page.locator('#journal').screenshot({ path: join(ARTIFACTS, 'audit-log.png') });
    await page.click('#known-at-clear');
    await shown('2007-06-30');
  });

  it('the audit log shows who corrected what: the correction and the fact it corrects point to each other', async () => {
    expect(aubagneEventId).not.toBe('');
    const corrected = await fetch(`${base}/api/frameworks/cccs13/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'FactCorrected',
        effectiveDate: '2007-04',
        data: { eventId: aubagneEventId, effectiveDate: '2007-04', reason: 'Délibération d’avril, non de mars' },
        source: { document: 'Test du navigateur', passage: 'délibération du conseil municipal d’avril 2007', confidence: 'stated' },
      }),
    });
    expect(corrected.status).toBe(201);
    const correction = ((await corrected.json()) as { eventId: string }).eventId;
    await open('?framework=cccs13&at=2007-06-30', '2007-06-30');
    expect(await page.textContent(`#fait-${aubagneEventId} td:last-child`)).toBe(`corrigé par n° ${CCCS13_SEED.length + 2}`);
    expect(await page.textContent(`#fait-${correction} td:last-child`)).toBe(`correction corrige le fait n° ${CCCS13_SEED.length + 1}`);
    const party = (await apiState('2007-06-30')).parties.find((p) => p.id === 'aubagne') as Item & { since: string };
    expect(party.since).toBe('2007-04-01');
    expect(await page.textContent('#liste-parties > li[data-id="aubagne"] .item-meta')).toContain('avril 2007');
    await page.locator('#journal').screenshot({ path: join(ARTIFACTS, 'audit-log-correction.png') });
  });

  it('shows any framework, and renders what the API holds as text, never as markup', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${base}/api/frameworks${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('', { id: 'cccs84', name: 'Convention cadre <img src=x onerror=alert(1)>', effectiveDate: '2019' })).status).toBe(
      201,
    );
    const signed = await post('/cccs84/events', {
      type: 'ConventionSigned',
      effectiveDate: '2020-03-02',
      data: {
        conventionId: 'cv-2020',
        name: 'Convention <b>2020</b>',
        start: '2020-03-02',
        parties: [{ id: 'etat', name: 'État <i>x</i>', kind: 'state' }],
      },
      source: { document: 'Délibération', passage: 'La convention est signée le 2 mars 2020', confidence: 'stated' },
    });
    expect(signed.status).toBe(201);
    await open('?framework=cccs84&at=2021-01-01', '2021-01-01');
    expect(await page.inputValue('#framework')).toBe('cccs84');
    expect(await page.textContent('#liste-conventions .item-name')).toBe('Convention <b>2020</b>');
    expect(await page.textContent('#liste-parties .item-name')).toBe('État <i>x</i>');
    expect(await page.locator('main img, main b, main i').count()).toBe(0);
    expect(await page.textContent('#framework-title')).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('#timeline [data-kind="convention"][data-id="cv-2020"]').count()).toBe(1);
    // Back to the CCCS13 with the selector.
    await page.selectOption('#framework', 'cccs13');
    await shown('2021-01-01');
    expect(urlParams().get('framework')).toBe('cccs13');
  });

  it('serves the OpenAPI documentation at /docs, rendered without network', async () => {
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.swagger-ui .opblock');
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThanOrEqual(8);
    expect(await page.textContent('.swagger-ui')).toContain('/api/frameworks/{id}/state');
  });

  it('loaded nothing from elsewhere and logged no error', () => {
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
