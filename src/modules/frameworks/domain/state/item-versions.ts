import type { Day } from '../dates/edtf-date.js';
import { factDefinitionOf } from '../events/event-catalogue.js';
import type { Fact } from '../facts/known-facts.js';
import { factDay } from '../timeline/time-queries.js';
import type { Timeline } from '../timeline/timeline.types.js';
import type { ItemKind } from './item-kinds.js';
import { itemsOf, type ItemView } from './item-views.js';
import { segmentsOfItem } from './segments.js';

/**
 * The versions of each item over effective time, as legislation sites show the versions of a text:
 * « en vigueur du … au … », with the facts that took effect on the day each version starts.
 */

export interface ItemVersion {
  /** First day of this version. */
  validFrom: Day;
  /** The day after its last day (null: still the version in force at the end of the record). */
  validTo: Day | null;
  view: ItemView;
  /** The facts taking effect on `validFrom` that touch the item (empty when a term simply ran out). */
  changedBy: string[];
}

export interface ItemHistory {
  kind: ItemKind;
  id: string;
  /** The item's name in its latest version. */
  name: string;
  versions: ItemVersion[];
}

export function itemVersions(timeline: Timeline, facts: readonly Fact[]): ItemHistory[] {
  // Which facts touch which item on which day.
  const changes = new Map<string, Map<Day, string[]>>();
  for (const fact of facts) {
    const day = factDay(fact);
    for (const ref of factDefinitionOf(fact.type)?.affects(fact.data, timeline) ?? []) {
      const key = `${ref.kind}:${ref.id}`;
      const byDay = changes.get(key) ?? new Map<Day, string[]>();
      const ids = byDay.get(day) ?? [];
      if (!ids.includes(fact.eventId)) ids.push(fact.eventId);
      byDay.set(day, ids);
      changes.set(key, byDay);
    }
  }
  const histories: ItemHistory[] = [];
  for (const { kind, id } of itemsOf(timeline)) {
    const segments = segmentsOfItem(timeline, kind, id);
    if (segments.length === 0) continue;
    const byDay = changes.get(`${kind}:${id}`);
    histories.push({
      kind,
      id,
      name: segments[segments.length - 1].payload.name,
      versions: segments.map((s) => ({ validFrom: s.validFrom, validTo: s.validTo, view: s.payload, changedBy: byDay?.get(s.validFrom) ?? [] })),
    });
  }
  return histories;
}
