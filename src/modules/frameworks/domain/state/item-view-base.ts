import type { Day, EdtfDate } from '../dates/edtf-date.js';
import type { Source } from '../events/framework.events.js';
import type { Provenance, Timeline } from '../timeline/timeline.types.js';
import { evidenceFields, type Evidence, type Support } from './evidence.js';
import type { SubjectKind } from './item-kinds.js';

/** What every view of an item carries, and the order of the lists of the state. */

/**
 * Every item: `since` is the first day it counts from; `approximate` when that date is coarser
 * than a day; `evidence` says how the sources support it on the day asked, `attestedUntil` the
 * last day they support it (absent when open-ended by the source's own words).
 */
export interface ItemView {
  id: string;
  name: string;
  since: Day;
  sinceEdtf: string;
  approximate: boolean;
  evidence: Evidence;
  attestedUntil?: Day;
  eventId: string;
  source: Source;
  /** Ids of the source conflicts that concern this item. */
  conflicts?: string[];
  [field: string]: unknown;
}

export function base(id: string, name: string, since: EdtfDate, origin: Provenance, conflicts: string[], supports: readonly Support[], day: Day): ItemView {
  const view: ItemView = {
    id,
    name,
    since: since.first,
    sinceEdtf: since.edtf,
    approximate: since.approximate,
    ...evidenceFields(supports, day),
    eventId: origin.eventId,
    source: origin.source,
  };
  if (conflicts.length > 0) view.conflicts = conflicts;
  return view;
}

/** Ids of the conflicts noted by `day` that concern the item, in the order they were noted. */
export function conflictsAbout(timeline: Timeline, kind: SubjectKind, id: string, day: Day): string[] {
  const ids: string[] = [];
  for (const conflict of timeline.conflicts.values()) {
    if (conflict.effective.first <= day && conflict.data.about.some((ref) => ref.kind === kind && ref.id === id)) ids.push(conflict.id);
  }
  return ids;
}

export const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name, 'fr') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** The order of every list of the state: by `since`, then name, then id. */
export const bySince = (a: ItemView, b: ItemView) => (a.since < b.since ? -1 : a.since > b.since ? 1 : byName(a, b));

export function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
