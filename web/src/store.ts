/** What the page has loaded from the service, and the names it looks up in it. */
import type { AuditEntry, FrameworkSummary, PageCatalogue, StateKey } from './api-types.js';
import type { StateShown, TimelineModel } from './model-types.js';
import type { AppendAnswer } from './api.js';
import { view } from './view-state.js';

export type { ModelItem, ModelRun, StateShown, TimelineModel } from './model-types.js';

export interface HistoryIndex {
  events: AuditEntry[];
  positionOf: Record<string, number>;
  byId: Map<string, AuditEntry>;
  /** Event type → its French label, as the service names it. */
  labels: Record<string, string>;
}

export const store: {
  frameworks: FrameworkSummary[];
  model: TimelineModel | null;
  history: HistoryIndex | null;
  /** Document reference → title (null: not loaded yet). */
  documents: Map<string, string | undefined> | null;
  state: StateShown | null;
  catalogue: PageCatalogue | null;
  /** The answer of the last append (201), kept for the recording view. */
  lastRecorded: AppendAnswer | null;
} = { frameworks: [], model: null, history: null, documents: null, state: null, catalogue: null, lastRecorded: null };

/** The name of an item of a state list (`key` as in the state answer), from the items' versions. */
export function nameOf(key: StateKey, id: string): string {
  return store.model?.names[`${key}:${id}`] || id;
}
export function nameOfConvention(id: string): string {
  return nameOf('conventions', id);
}

/** The audit log indexed: each event's position, each event by id, each type's label. */
export function indexHistory(events: AuditEntry[]): HistoryIndex {
  const positionOf: Record<string, number> = {};
  const byId = new Map<string, AuditEntry>();
  const labels: Record<string, string> = {};
  for (const e of events) {
    positionOf[e.eventId] = e.position;
    byId.set(e.eventId, e);
    labels[e.type] = e.label;
  }
  return { events, positionOf, byId, labels };
}

/** The framework shown. */
export function currentFramework(): FrameworkSummary | null {
  return store.frameworks.find((f) => f.id === view.framework) ?? null;
}

/** The document's title when the service knows it. */
export function documentTitleOf(document: string): string | undefined {
  return store.documents?.get(document);
}
