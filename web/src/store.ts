/** What the page has loaded from the service, and the names it looks up in it. */
import type { AuditEntry, FrameworkSummary, ItemView, StateAnswer, StateKey } from './api-types.js';
import { KIND_OF } from './labels.js';
import { view } from './view-state.js';

/** One span of days an item is in force, with its view on the first and the last of them. */
export interface ModelRun {
  from: string;
  /** Last day (null: still in force at the end of the sampled days). */
  to: string | null;
  first: ItemView;
  last: ItemView;
}
export interface ModelItem {
  key: StateKey;
  id: string;
  name: string;
  runs: ModelRun[];
}
/** The timeline's model: every item with the days it is in force, sampled on every day a state may change. */
export interface TimelineModel {
  items: ModelItem[];
  names: Record<string, string>;
  days: string[];
  /** Day numbers of the axis. */
  axisMin: number;
  axisMax: number;
  eventCount: number;
}
export interface HistoryIndex {
  events: AuditEntry[];
  positionOf: Record<string, number>;
  names: Record<string, string>;
}

export const store: {
  frameworks: FrameworkSummary[];
  model: TimelineModel | null;
  history: HistoryIndex | null;
  state: StateAnswer | null;
} = { frameworks: [], model: null, history: null, state: null };

/** The name of an item of a state list (`key` as in the state answer), from the audit log or the timeline. */
export function nameOf(key: StateKey, id: string): string {
  const names = store.history?.names ?? {};
  return names[`${KIND_OF[key]}:${id}`] || store.model?.names[`${key}:${id}`] || id;
}
export function nameOfConvention(id: string): string {
  return nameOf('conventions', id);
}

/** The audit log indexed: each event's position, and the names the facts gave to each id. */
export function indexHistory(events: AuditEntry[]): HistoryIndex {
  const positionOf: Record<string, number> = {};
  const names: Record<string, string> = {};
  for (const e of events) {
    positionOf[e.eventId] = e.position;
    const d = e.data as Record<string, unknown> & {
      name?: string;
      parties?: { id: string; name: string }[];
      party?: { id: string; name: string };
    };
    for (const [field, kind] of [
      ['conventionId', 'convention'],
      ['missionId', 'mission'],
      ['instrumentId', 'instrument'],
      ['bodyId', 'body'],
      ['reviewId', 'review'],
      ['milestoneId', 'milestone'],
    ] as const) {
      if (typeof d[field] === 'string' && d.name) names[`${kind}:${d[field] as string}`] = d.name;
    }
    for (const p of d.parties ?? []) names[`party:${p.id}`] = p.name;
    if (d.party) names[`party:${d.party.id}`] = d.party.name;
  }
  return { events, positionOf, names };
}

/** The framework shown. */
export function currentFramework(): FrameworkSummary | null {
  return store.frameworks.find((f) => f.id === view.framework) ?? null;
}
