/**
 * Questions asked inside the page (the callbacks run in Chromium). The project compiles without the
 * DOM library: the little they use is declared here, for this module only.
 */
import type { Page } from 'playwright-core';

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}
interface DomElement {
  id: string;
  tagName: string;
  className: string | { baseVal: string };
  textContent: string | null;
  hidden?: boolean;
  parentElement: DomElement | null;
  attributes: Iterable<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  getBoundingClientRect(): Rect;
}
declare const document: {
  documentElement: { scrollWidth: number; scrollHeight: number };
  activeElement: DomElement | null;
  body: unknown;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  createTreeWalker(root: unknown, what: number): { nextNode(): { textContent: string | null; parentElement: DomElement | null } | null };
};
declare const window: { innerWidth: number; innerHeight: number; axe: { run(context: unknown, options?: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
declare const NodeFilter: { SHOW_TEXT: number };
declare function getComputedStyle(element: DomElement): Record<string, string>;

/** The focused element: id, classes and the data the tests look at. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const cls = el.getAttribute('class') ?? '';
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      cls,
      inTimeline: el.closest('#timeline') !== null,
      kind: el.getAttribute('data-kind'),
      itemId: el.getAttribute('data-id'),
      from: el.getAttribute('data-from'),
      date: el.getAttribute('data-date'),
      lane: el.getAttribute('data-lane'),
      role: el.getAttribute('role'),
      label: el.getAttribute('aria-label'),
    };
  });
}

/** The boxes of the elements a selector finds (CSS pixels, relative to the viewport). */
export function boxes(page: Page, selector: string) {
  return page.$$eval(selector, (els) =>
    els.map((el) => {
      const r = (el as unknown as DomElement).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    }),
  );
}

export function pageHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollHeight);
}

/** Every text the page shows or gives to a screen reader: text nodes, labels, titles, the document title. */
export function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('script, style')) continue;
      if (node.textContent && node.textContent.trim()) texts.push(node.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [aria-valuetext]')) {
      for (const name of ['aria-label', 'title', 'aria-valuetext']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

/** The live regions of the page, with what they hold. */
export function liveRegions(page: Page) {
  return page.$$eval('[aria-live], [role="alert"], [role="status"]', (els) =>
    els.map((el) => ({ id: (el as unknown as DomElement).id, live: el.getAttribute('aria-live'), text: el.textContent ?? '' })),
  );
}

/** The violations axe-core finds in the page as it is (axe's source is injected first). */
export async function axeViolations(page: Page, source: string): Promise<string[]> {
  await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Computed style properties of the elements a selector finds. */
export function styles(page: Page, selector: string, properties: string[]) {
  return page.$$eval(
    selector,
    (els, props) => els.map((el) => Object.fromEntries(props.map((p) => [p, getComputedStyle(el as unknown as DomElement)[p]]))),
    properties,
  );
}

/** The faults of French typography in these texts: straight apostrophes, guillemets without narrow spaces, a breaking space before : ; ! ?, « 1ère », « 1 janvier ». */
export function typographyFaults(texts: string[]): string[] {
  return texts.flatMap((text) => {
    const found: string[] = [];
    if (text.includes("'")) found.push('straight apostrophe');
    if (/«(?!\u202F)|(?<!\u202F)»/.test(text)) found.push('guillemet without a narrow no-break space');
    if (/[ \t\n][:;!?]/.test(text)) found.push('breaking space before : ; ! ?');
    if (/(?<![\p{L}\p{N}])1(ère|ere)(?!\p{L})/u.test(text)) found.push('1ère');
    if (/(?<![\p{L}\p{N}])1[ \u00A0](janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)/u.test(text)) found.push('1 (not 1er)');
    return found.map((fault) => `${fault}: ${JSON.stringify(text.slice(0, 80))}`);
  });
}
