/**
 * Every request the page makes to the service, in one place: the JSON API of this origin
 * (`/api/frameworks…`), typed with the server's own answer types.
 */
import type { DiffAnswer, FrameworkSummary, HistoryAnswer, StateAnswer, TimelineAnswer } from './api-types.js';

const API = '/api/frameworks';

/** A refusal or failure of the service, with its French message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  fields?: { field: string; problems: string[] }[];
  message?: string;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body ?? {}) as ErrorBody;
    const detail = error.fields
      ? error.fields.map((f) => `${f.field} : ${f.problems.join(', ')}`).join(' ; ')
      : error.message || response.statusText;
    throw new ApiError(response.status, `Le service a répondu ${response.status} : ${detail}`);
  }
  return body as T;
}

function frameworkPath(framework: string, suffix: string, params: Record<string, string | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const qs = query.toString();
  return `${API}/${encodeURIComponent(framework)}/${suffix}${qs ? `?${qs}` : ''}`;
}

export const api = {
  frameworks: (): Promise<FrameworkSummary[]> => getJson(API),
  state: (framework: string, at: string, knownAt: string | null): Promise<StateAnswer> =>
    getJson(frameworkPath(framework, 'state', { at, knownAt })),
  timeline: (framework: string, knownAt: string | null = null): Promise<TimelineAnswer> =>
    getJson(frameworkPath(framework, 'timeline', { knownAt })),
  history: (framework: string): Promise<HistoryAnswer> => getJson(frameworkPath(framework, 'history')),
  diff: (framework: string, from: string, to: string, knownAt: string | null): Promise<DiffAnswer> =>
    getJson(frameworkPath(framework, 'diff', { from, to, knownAt })),
};
