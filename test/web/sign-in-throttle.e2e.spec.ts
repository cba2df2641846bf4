/**
 * Signing in against the service's real throttling of failed authentications, in headless Chromium:
 * wrong tokens are refused (401) and said so in French; once the address has failed too often
 * (AUTH_FAILURE_LIMIT, here 2), even the right token is refused (429 with Retry-After) and the page
 * says how long to wait, on a desktop and then on a phone from the same address. Nothing is kept.
 */
import type { Page } from 'playwright-core';
import { frenchTypography as fr } from '../../web/src/french-typography.js';
import { authProblem } from '../../web/src/refusal-words.js';
import { DESKTOP, openView, PHONE, SLOW, startHarness, TOKEN, type Harness } from './support/harness.js';

const EVENTS = '/api/frameworks/cccs13/events';
const WRONG = 'jeton-inconnu-0123456789abcdef';

describe('signing in when the service throttles failed attempts', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ AUTH_FAILURE_LIMIT: '2', AUTH_FAILURE_WINDOW_SECONDS: '600' });
  }, SLOW);
  afterAll(() => harness?.close());

  /** Signs in with `candidate`; answers the status of the service's answer and the message shown. */
  async function signIn(page: Page, candidate: string): Promise<{ status: number; retryAfter: string | null; message: string | null }> {
    await page.fill('#signin-token', candidate);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`${EVENTS}?dryRun=true`)), page.click('#signin-submit')]);
    await page.waitForSelector('#signin-erreur:not([hidden])');
    return { status: response.status(), retryAfter: await response.headerValue('retry-after'), message: await page.textContent('#signin-erreur') };
  }
  const kept = (page: Page) => page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length);

  it(
    'says a wrong token is refused, then — the limit reached — that even the right one must wait, with the service’s delay',
    async () => {
      const desktop = await harness.open(DESKTOP);
      await openView(desktop, harness.base, '?framework=cccs13&at=2007-06-30&panel=record', 'enregistrer');
      const refused = fr(authProblem({ status: 401 })!);
      expect(refused).toContain('Jeton refusé');
      for (let attempt = 1; attempt <= 2; attempt++) {
        expect(await signIn(desktop, WRONG)).toEqual({ status: 401, retryAfter: null, message: refused });
      }
      // The right token now: the address failed twice, so the service refuses it too, and says for how long.
      const throttled = await signIn(desktop, TOKEN);
      expect(throttled.status).toBe(429);
      const wait = Number(throttled.retryAfter);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(600);
      expect(throttled.message).toBe(fr(authProblem({ status: 429, retryAfter: wait })!));
      expect(throttled.message).toContain('Trop de tentatives');
      expect(throttled.message).toMatch(/Réessayez dans \d+ minutes\.$/u);
      expect(await desktop.isVisible('#fact-form')).toBe(false);
      expect(await kept(desktop)).toBe(0);

      // From a phone on the same address: refused as well, said the same way, on a narrow screen.
      const phone = await harness.open(PHONE);
      await openView(phone, harness.base, '?framework=cccs13&at=2007-06-30&panel=record', 'enregistrer');
      const again = await signIn(phone, TOKEN);
      expect(again.status).toBe(429);
      expect(again.message).toBe(fr(authProblem({ status: 429, retryAfter: Number(again.retryAfter) })!));
      expect(await phone.isVisible('#signin-erreur')).toBe(true);
      expect(await kept(phone)).toBe(0);
      const box = await phone.locator('#signin-erreur').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    },
    SLOW,
  );

  it('logged no error, and was refused only by these sign-ins', () => {
    expect(harness.pageErrors).toEqual([]);
    expect(harness.elsewhere).toEqual([]);
    expect(harness.refusals).toEqual([`401 POST ${EVENTS}?dryRun=true`, `401 POST ${EVENTS}?dryRun=true`, `429 POST ${EVENTS}?dryRun=true`, `429 POST ${EVENTS}?dryRun=true`]);
  });
});
