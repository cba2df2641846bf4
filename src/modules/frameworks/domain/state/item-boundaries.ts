import { nextDay, type Day, type EdtfDate } from '../dates/edtf-date.js';
import type { ConventionT, Timeline } from '../timeline/timeline.types.js';
import type { ItemKind } from './item-kinds.js';
import { conventionsOf, LASTING_OF } from './item-views.js';

/** The days on which one item's view may change: the view is constant between two consecutive ones. */
export function itemBoundaries(timeline: Timeline, kind: ItemKind, id: string): Day[] {
  const days = new Set<Day>();
  const span = (date: EdtfDate | null | undefined) => {
    if (!date) return;
    days.add(date.first);
    days.add(nextDay(date.last));
  };
  const add = (day: Day | undefined) => day !== undefined && days.add(day);
  const convention = (c: ConventionT, partyId?: string) => {
    span(c.start);
    span(c.end);
    add(c.stoppedFrom);
    for (const change of c.termChanges) {
      span(change.effective);
      span(change.newEnd);
    }
    for (const m of c.memberships) {
      if (partyId !== undefined && m.partyId !== partyId) continue;
      add(m.from);
      add(m.until);
    }
  };
  if (kind === 'convention') {
    const c = timeline.conventions.get(id);
    if (c) convention(c);
  } else if (kind === 'party') {
    for (const c of conventionsOf(timeline, id)) convention(c, id);
  } else if (kind === 'conflict') {
    span(timeline.conflicts.get(id)?.effective);
  } else {
    const thing = LASTING_OF(timeline)[kind].get(id);
    if (thing) {
      span(thing.effective);
      add(thing.until);
    }
  }
  if (kind !== 'conflict') {
    for (const conflict of timeline.conflicts.values()) {
      if (conflict.data.about.some((ref) => ref.kind === kind && ref.id === id)) add(conflict.effective.first);
    }
  }
  return [...days].sort();
}
