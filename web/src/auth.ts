/**
 * Signing in with a token, kept for this tab only (sessionStorage: gone when the tab closes, never
 * sent anywhere but the service's own writes). The service has no sign-in route: the token is
 * checked with a write that cannot succeed — an empty fact in a dry run — which the service
 * refuses as malformed (400) once the token is accepted, and as unknown (401) or throttled (429)
 * otherwise. Nothing is ever recorded by it.
 */
import { ApiError, api } from './api.js';

export { authProblem } from './refusal-words.js';

const KEY = 'governance-token';
const listeners = new Set<() => void>();

export function token(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function signedIn(): boolean {
  return token() !== null;
}

/** Called whenever the reader signs in or out. */
export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

function set(value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, value);
  } catch {
    // Storage refused (private browsing): the token stays unknown.
  }
  for (const listener of listeners) listener();
}

export function signOut(): void {
  set(null);
}

/**
 * Checks a token and keeps it for the tab. Resolves when the service accepts it; rejects with an
 * ApiError otherwise (401, 429…).
 */
export async function signIn(candidate: string, framework: string | null): Promise<void> {
  const value = candidate.trim();
  try {
    if (framework) await api.dryRun(framework, {}, { token: value });
    else await api.createFramework({}, { token: value });
  } catch (error) {
    // 400: the (empty) fact is refused as malformed — so the token itself was accepted.
    if (error instanceof ApiError && error.status === 400) {
      set(value);
      return;
    }
    throw error;
  }
  throw new ApiError(500, 'Le service a accepté un fait vide : réponse inattendue.');
}

/** A write refused because the token is no longer accepted: the reader is signed out. */
export function forgetIfRefused(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) signOut();
}
