/**
 * Signing in with a token, kept for this tab only (sessionStorage: gone when the tab closes, never
 * sent anywhere but the service's own writes). The service has no sign-in route: the token is
 * checked with a write that cannot succeed — an empty fact in a dry run — which the service
 * refuses as malformed (400) once the token is accepted, and as unknown (401) or throttled (429)
 * otherwise. Nothing is ever recorded by it.
 */
import { ApiError, api } from './api.js';

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

/** What a refusal of the token means, in French: 401 (unknown token), 429 (too many attempts), 403. */
export function authProblem(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 401) return 'Jeton refusé : le service ne reconnaît pas ce jeton. Vérifiez-le (sans espace avant ni après) ou demandez-en un à l’administrateur du service.';
  if (error.status === 429) {
    const wait = error.retryAfter !== null ? ` dans ${error.retryAfter} seconde${error.retryAfter > 1 ? 's' : ''}` : ' dans un moment';
    return `Trop de tentatives : le service refuse pour l’instant. Réessayez${wait}.`;
  }
  if (error.status === 403) return 'Ce jeton ne permet pas cette action : il faut le rôle administrateur pour corriger ou retirer un fait.';
  return null;
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
