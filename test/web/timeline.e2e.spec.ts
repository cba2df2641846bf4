/**
 * The timeline in headless Chromium, on a desktop and on a phone: what it draws, its legend, its
 * targets (at least 24 px, full names without hover, sideways scrolling on a phone) and its keyboard
 * use (one Tab stop, arrows, Début/Fin, Entrée, a focus ring on every colour, a skip link).
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { boxes, focused, styles } from './support/in-page.js';
import { ARTIFACTS, openAt, shown, SLOW, startHarness, urlParams, VIEWPORTS, type Harness } from './support/harness.js';

declare const document: { activeElement: { blur(): void } | null; documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };

const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
const luminance = (c: string) => {
  const [r, g, b] = rgb(c).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
};

describe.each(VIEWPORTS)('the timeline on a %s', (name, viewport) => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(viewport);
    await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
  }, SLOW);
  afterAll(() => harness?.close());

  it(
    'draws the conventions with their renewals as the API answers them, each renewal a block of its own',
    async () => {
      const segments = await page.$$eval('#timeline [data-kind="convention"][data-id="cc-2003"]', (els) =>
        els.map((el) => [el.getAttribute('data-segment'), el.getAttribute('data-from'), el.getAttribute('data-to')]),
      );
      expect(segments).toEqual([
        ['term', '2003-01-01', '2005-12-31'],
        ['renewal', '2006-01-01', '2006-12-31'],
        ['renewal', '2007-01-01', '2007-12-31'],
      ]);
      const shapes = await boxes(page, '#timeline [data-id="cc-2003"] .shape');
      for (let i = 1; i < shapes.length; i++) expect(shapes[i].left - shapes[i - 1].right).toBeGreaterThanOrEqual(1.5);
      const vitrolles = await page.$$eval('#timeline [data-kind="party"][data-id="vitrolles"]', (els) => els.map((el) => [el.getAttribute('data-from'), el.getAttribute('class')]));
      expect(vitrolles[0][0]).toBe('2006-01-01');
      expect(vitrolles[0][1]).toContain('approx-start');
      expect(await page.locator('#timeline .mark').count()).toBeGreaterThanOrEqual(5);
    },
    SLOW,
  );

  it(
    'has a legend for every kind of bar and mark it draws, in the same colours',
    async () => {
      const legend = await page.$$eval('.legend li', (els) => els.map((el) => el.getAttribute('data-legend')));
      expect(legend).toEqual(['term', 'renewal', 'extension', 'open', 'approx', 'milestone', 'review', 'conflict']);
      for (const kind of ['milestone', 'review', 'conflict']) {
        const [mark] = await styles(page, `#timeline .mark-${kind} .shape`, ['fill']);
        const [swatch] = await styles(page, `.legend [data-legend="${kind}"] .swatch`, ['backgroundColor']);
        expect({ kind, colour: swatch.backgroundColor }).toEqual({ kind, colour: mark.fill });
      }
    },
    SLOW,
  );

  it(
    'gives every mark a lane of its own with its name: the five marks of 19 May 2000 (three milestones, two contradictions) are all named',
    async () => {
      const marks = await page.$$eval('#timeline .mark', (els) => els.map((el) => ({ date: el.getAttribute('data-date'), lane: el.getAttribute('data-lane'), label: el.getAttribute('data-label') })));
      const lanes = new Set(marks.map((m) => m.lane));
      expect(lanes.size).toBe(marks.length);
      const of2000 = marks.filter((m) => m.date === '2000-05-19');
      expect(of2000).toHaveLength(5);
      const names = await page.$$eval('#timeline .lane-label', (els) => els.map((el) => el.textContent ?? ''));
      for (const mark of of2000) expect(names.some((n) => mark.label!.includes(n.split('…')[0].trim().slice(0, 30)))).toBe(true);
    },
    SLOW,
  );

  it(
    'makes every target at least 24 px wide and tall',
    async () => {
      const hits = await boxes(page, '#timeline .el .hit');
      expect(hits.length).toBeGreaterThan(40);
      const smallest = { width: Math.min(...hits.map((b) => b.width)), height: Math.min(...hits.map((b) => b.height)) };
      console.log(`timeline targets on a ${name}: ${hits.length}, smallest ${smallest.width.toFixed(1)} × ${smallest.height.toFixed(1)} px`);
      expect(smallest.width).toBeGreaterThanOrEqual(24);
      expect(smallest.height).toBeGreaterThanOrEqual(24);
    },
    SLOW,
  );

  it(
    'shows every full name without hover: in the picture, and in full under it for the target reached',
    async () => {
      await page.focus('#date');
      await page.evaluate(() => document.activeElement?.blur());
      const fasild = page.locator('#timeline [data-kind="party"][data-id="fasild"]');
      await fasild.focus();
      const full = fr('FASILD (Fonds d’Action et de Soutien pour l’Intégration et la Lutte contre les Discriminations)');
      expect(await page.textContent('#frise-choix')).toContain(full);
      expect(await page.isVisible('#frise-choix')).toBe(true);
      if (viewport.width < 500) {
        // On a phone: every name is written in full, above its lane, and stays in sight when the timeline scrolls.
        const names = await page.$$eval('#timeline .lane-label', (els) => els.map((el) => [...el.querySelectorAll('tspan')].map((t) => t.textContent).join(' ')));
        expect(names.every((n) => !n.includes('…'))).toBe(true);
        expect(names).toContain(full);
      }
    },
    SLOW,
  );

  if (viewport.width < 500) {
    it(
      'on a phone, scrolls sideways at a readable scale (the page itself does not)',
      async () => {
        const box = await page.$eval('#timeline', (el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
        expect(box.scroll).toBeGreaterThan(box.client * 2);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
        const ticks = await boxes(page, '#timeline .tick');
        const perYear = (ticks[ticks.length - 1].left - ticks[0].left) / (2017 - 1980);
        expect(perYear).toBeGreaterThanOrEqual(28);
        // The date shown is in sight; the names follow the scroll.
        const cursor = (await boxes(page, '#timeline .cursor'))[0];
        expect(cursor.left).toBeGreaterThanOrEqual(0);
        expect(cursor.left).toBeLessThanOrEqual(viewport.width);
        await page.$eval('#timeline', (el) => (el.scrollLeft = el.scrollWidth));
        await page.waitForFunction(() => true);
        await page.waitForTimeout(100);
        const label = (await boxes(page, '#timeline .lane-label'))[0];
        expect(label.left).toBeGreaterThanOrEqual(0);
        expect(label.left).toBeLessThan(viewport.width / 2);
        await page.locator('#frise').screenshot({ path: join(ARTIFACTS, 'timeline-phone.png') });
      },
      SLOW,
    );
  }

  it(
    'is one Tab stop, reached in three Tab presses by the skip link',
    async () => {
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      await page.locator('body').focus();
      await page.keyboard.press('Tab');
      expect((await focused(page))!.cls).toContain('skip-link');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as unknown as { textContent: string }).textContent)).toBe('Aller à la frise chronologique');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      const reached = (await focused(page))!;
      expect(reached.inTimeline).toBe(true);
      // The Tab stop is a target in force on the date shown.
      expect(reached.from! <= '2007-06-30').toBe(true);
      await page.keyboard.press('Tab');
      expect((await focused(page))!.inTimeline).toBe(false);
      // Without the skip link: every Tab press from the top, and a single stop inside the timeline.
      await openAt(page, harness.base, '?framework=cccs13&at=2007-06-30', '2007-06-30');
      let presses = 0;
      let inside = 0;
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab');
        presses++;
        const f = await focused(page);
        if (f?.inTimeline) inside++;
        else if (inside > 0) break;
      }
      console.log(`Tab presses on a ${name}: 3 with the skip link, ${presses - 1} without it; stops inside the timeline: ${inside}`);
      expect(inside).toBe(1);
    },
    SLOW,
  );

  it(
    'moves between targets with the arrow keys, Home and End, and shows the date with Enter',
    async () => {
      await page.locator('#timeline [data-kind="convention"][data-id="cc-2003"][data-segment="term"]').focus();
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ itemId: 'cc-2003', from: '2006-01-01' });
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ itemId: 'cc-2003', from: '2007-01-01' });
      await page.keyboard.press('ArrowLeft');
      expect(await focused(page)).toMatchObject({ from: '2006-01-01' });
      await page.keyboard.press('Home');
      expect(await focused(page)).toMatchObject({ itemId: 'cc-1994' });
      await page.keyboard.press('End');
      expect((await focused(page))!.itemId).toBe('cc-2015');
      await page.keyboard.press('ArrowDown');
      const down = (await focused(page))!;
      expect(down.kind).toBe('party');
      await page.keyboard.press('ArrowUp');
      expect((await focused(page))!.kind).toBe('convention');
      await page.keyboard.press('Control+End');
      const last = (await focused(page))!;
      expect(last.cls).toContain('mark');
      // Only the target reached is in the Tab order.
      expect(await page.locator('#timeline [tabindex="0"]').count()).toBe(1);
      expect(await page.getAttribute('#timeline [tabindex="0"]', 'data-date')).toBe(last.date);
      await page.keyboard.press('Enter');
      await shown(page, last.date!);
      expect(urlParams(page).get('at')).toBe(last.date);
      expect(await page.getAttribute('#timeline [tabindex="0"]', 'data-date')).toBe(last.date);
    },
    SLOW,
  );

  it(
    'shows a focus ring, dark outside and white inside, on a target of every colour',
    async () => {
      const classes = ['bar-term', 'bar-renewal', 'bar-extension', 'bar-open', 'bar-party', 'bar-mission', 'bar-instrument', 'bar-body', 'mark-milestone', 'mark-review', 'mark-conflict'];
      for (const cls of classes) {
        await page.locator(`#timeline .el.${cls}`).first().focus();
        await page.keyboard.press('ArrowLeft').catch(() => undefined);
        await page.locator(`#timeline .el.${cls}`).first().focus();
        const [outer] = await styles(page, `#timeline .el.${cls}:focus .ring-outer`, ['visibility', 'stroke', 'strokeWidth']);
        const [inner] = await styles(page, `#timeline .el.${cls}:focus .ring-inner`, ['visibility', 'stroke']);
        const [shape] = await styles(page, `#timeline .el.${cls}:focus .shape`, ['fill']);
        expect({ cls, outer: outer.visibility, inner: inner.visibility }).toEqual({ cls, outer: 'visible', inner: 'visible' });
        expect(parseFloat(outer.strokeWidth)).toBeGreaterThanOrEqual(2);
        // On a solid colour, one of the two rings stands out by 3:1 at least; and the dark one on the white page.
        if (shape.fill.startsWith('rgb')) expect(Math.max(contrast(outer.stroke, shape.fill), contrast(inner.stroke, shape.fill))).toBeGreaterThanOrEqual(3);
        expect(contrast(outer.stroke, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
      }
      await page.locator('#timeline .el.bar-renewal').first().focus();
      await page.locator('#frise').screenshot({ path: join(ARTIFACTS, `timeline-focus-${name}.png`) });
    },
    SLOW,
  );

  it(
    'a click or a touch on a target shows the state on its date',
    async () => {
      const target = page.locator('#timeline [data-kind="convention"][data-id="cc-2008"][data-segment="term"]');
      await target.scrollIntoViewIfNeeded();
      if (viewport.width < 500) await target.tap();
      else await target.click();
      await shown(page, '2008-01-01');
      expect(await page.inputValue('#date')).toBe('2008-01-01');
      expect(urlParams(page).get('at')).toBe('2008-01-01');
      const slider = Number(await page.inputValue('#date-slider'));
      expect(new Date(slider * 86_400_000).toISOString().slice(0, 10)).toBe('2008-01-01');
      const mark = page.locator('#timeline .mark[data-id="premices-reflexion"]');
      await mark.scrollIntoViewIfNeeded();
      await mark.click();
      await shown(page, '1980-01-01');
      expect(urlParams(page).get('at')).toBe('1980-01-01');
    },
    SLOW,
  );

  it('loaded nothing from elsewhere and logged no error', () => {
    expect(harness.elsewhere).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.refusals).toEqual([]);
  });
});
