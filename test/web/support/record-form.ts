/** Filling the recording form of the page, field by field, by the paths the service names. */
import type { Locator, Page } from 'playwright-core';

/** The control of the field at `path` (`effectiveDate`, `data.newEnd`, `source.passage`…). */
export function control(page: Page, path: string): Locator {
  return page.locator(`#enregistrer [data-field="${path}"]`).first().locator('input, select, textarea').first();
}
/** The error shown next to the field at `path`. */
export function fieldError(page: Page, path: string): Locator {
  return page.locator(`#enregistrer [data-field="${path}"]`).first().locator(':scope > .field-error');
}

export async function signInOnPage(page: Page, token: string): Promise<void> {
  await page.waitForSelector('#signin-token');
  await page.fill('#signin-token', token);
  await page.click('#signin-submit');
  await page.waitForSelector('#fact-form');
}

export interface SourceValues {
  document: string;
  passage: string;
  confidence: 'stated' | 'inferred';
  note?: string;
}
export async function fillSource(page: Page, source: SourceValues): Promise<void> {
  await control(page, 'source.document').fill(source.document);
  await control(page, 'source.passage').fill(source.passage);
  await control(page, 'source.confidence').selectOption(source.confidence);
  if (source.note) await control(page, 'source.note').fill(source.note);
}

export async function preview(page: Page): Promise<'accepted' | 'refused'> {
  await page.click('#fact-preview');
  await page.waitForSelector('#apercu:not([hidden]), #fact-errors:not([hidden])');
  return (await page.isVisible('#apercu')) ? 'accepted' : 'refused';
}

/** Presses Tab until the focus is on an element matching `selector` (at most `max` presses); the number of presses. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => (globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null } }).document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`${selector} not reached in ${max} Tab presses`);
}

/** The events of the audit log, as the API answers. */
export async function auditEvents(base: string, framework = 'cccs13'): Promise<{ eventId: string; type: string; position: number; recordedBy: string; data: Record<string, unknown>; correctedBy: string[]; retractedBy?: string }[]> {
  return ((await (await fetch(`${base}/api/frameworks/${framework}/history`)).json()) as { events: never[] }).events;
}
