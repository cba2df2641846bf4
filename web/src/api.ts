/**
 * Every request the page makes to the service, in one place: the JSON API of this origin
 * (`/api/frameworks…`), typed with the server's own answer types. Reads are revalidated by the
 * browser with their ETag (a 304 costs no body); writes carry the token, an Idempotency-Key and
 * If-Match.
 */
import type {
  DiffAnswer,
  ErrorBody,
  DocumentsAnswer,
  FrameworkSummary,
  HistoryAnswer,
  ItemVersionsAnswer,
  PageCatalogue,
  StateAnswer,
  StateDiff,
} from './api-types.js';

export type { ErrorBody };
import type { Receipt } from './receipt-parse.js';
import type { ConsistencyAnswer, LogHead, LogKey } from './receipt-checks.js';

const API = '/api/frameworks';

/** A refusal or failure of the service, with its French message and what the service said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ErrorBody = {},
    /** Seconds to wait (Retry-After), when the service says. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** The answer of a dry run: what the fact would change on the day(s) it takes its place. */
export interface DryRunAnswer {
  dryRun: true;
  revision: number;
  days: string[];
  changes: { day: string; diff: StateDiff }[];
}
/** The answer of an append (201), kept whole: a later round shows the receipt it will carry. */
export interface AppendAnswer {
  eventId: string;
  revision: number;
  position: number;
  recordedAt: string;
  replayed?: boolean;
  /** The transparency log's receipt (null while the log of a KurrentDB instance lags: then `receiptUrl`). */
  receipt?: Receipt | null;
  receiptUrl?: string;
  [more: string]: unknown;
}
export interface FrameworkCreated extends AppendAnswer {
  id: string;
  name: string;
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body ?? {}) as ErrorBody;
    const detail = error.fields ? error.fields.map((f) => `${f.field} : ${f.problems.join(', ')}`).join(' ; ') : error.message || response.statusText;
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, `Le service a répondu ${response.status} : ${detail}`, error, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return body as T;
}

function getJson<T>(path: string, cache?: RequestCache): Promise<T> {
  return fetch(path, { headers: { Accept: 'application/json' }, cache }).then((response) => answer<T>(response));
}

function frameworkPath(framework: string, suffix: string, params: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  const qs = query.toString();
  return `${API}/${encodeURIComponent(framework)}${suffix ? `/${suffix}` : ''}${qs ? `?${qs}` : ''}`;
}

interface WriteOptions {
  token: string;
  idempotencyKey?: string;
  /** The revision the page last saw. */
  revision?: number;
}
function post<T>(path: string, body: unknown, options: WriteOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` };
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.revision !== undefined) headers['If-Match'] = `"${options.revision}"`;
  return fetch(path, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' }).then((response) => answer<T>(response));
}

export const api = {
  frameworks: (): Promise<FrameworkSummary[]> => getJson(API),
  /** Every item with its versions: the timeline, the state on any date and each item's versions, in one request. */
  items: (framework: string, knownAt: string | null, minPosition?: number): Promise<ItemVersionsAnswer> =>
    getJson(frameworkPath(framework, 'items', { knownAt, minPosition })),
  /** The state on one day (the page draws states from `items`; it asks this for the horizon only). */
  state: (framework: string, at: string, knownAt: string | null): Promise<StateAnswer> => getJson(frameworkPath(framework, 'state', { at, knownAt })),
  history: (framework: string, minPosition?: number): Promise<HistoryAnswer> => getJson(frameworkPath(framework, 'history', { minPosition })),
  diff: (framework: string, from: string, to: string, knownAt: string | null): Promise<DiffAnswer> =>
    getJson(frameworkPath(framework, 'diff', { from, to, knownAt })),
  documents: (framework: string): Promise<DocumentsAnswer> => getJson(frameworkPath(framework, 'documents')),
  /** The event catalogue the recording form is made from. */
  eventTypes: (): Promise<PageCatalogue> => getJson('/assets/event-types.json'),
  dryRun: (framework: string, body: unknown, options: WriteOptions): Promise<DryRunAnswer> =>
    post(frameworkPath(framework, 'events', { dryRun: 'true' }), body, options),
  append: (framework: string, body: unknown, options: WriteOptions): Promise<AppendAnswer> => post(frameworkPath(framework, 'events'), body, options),
  createFramework: (body: unknown, options: WriteOptions): Promise<FrameworkCreated> => post(API, body, options),
  /** The transparency log's public reads (never from the browser's cache: a head is wanted as it is now). */
  log: {
    key: (): Promise<LogKey> => getJson('/api/log/key', 'no-store'),
    head: (): Promise<LogHead> => getJson('/api/log/head', 'no-store'),
    consistency: (from: number, to: number): Promise<ConsistencyAnswer> => getJson(`/api/log/proof/consistency?from=${from}&to=${to}`, 'no-store'),
  },
};
