import { nextDay, type Day, type EdtfDate } from '../dates/edtf-date.js';
import type { ConventionT, Timeline } from '../timeline/timeline.types.js';
import { supportBoundaries, type Support } from './evidence.js';
import type { ItemKind } from './item-kinds.js';
import { conventionsOf, LASTING_OF } from './item-views.js';
import { conventionSupports, membershipSupports, supportsOf } from './supports.js';
import { lapseAfter } from '../timeline/time-queries.js';

/**
 * The days on which one item's view may change: the view is constant between two consecutive ones.
 * Among them, the days its evidence may change (each support's first day and the day after its last).
 */
export function itemBoundaries(timeline: Timeline, kind: ItemKind, id: string, supports: readonly Support[] = supportsOf(timeline, kind, id)): Day[] {
  const days = new Set<Day>(supportBoundaries(supports));
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
    if (c) {
      convention(c);
      // Each party's evidence within the convention (a joining supports its own date too).
      const term = conventionSupports(c);
      for (const m of c.memberships) for (const day of supportBoundaries(membershipSupports(c, m, term))) days.add(day);
    }
  } else if (kind === 'party') {
    for (const c of conventionsOf(timeline, id)) convention(c, id);
  } else if (kind === 'conflict') {
    span(timeline.conflicts.get(id)?.effective);
  } else {
    const thing = LASTING_OF(timeline)[kind].get(id);
    if (thing) {
      span(thing.effective);
      add(thing.until);
      const lapse = lapseAfter(timeline, thing);
      if (lapse !== null) add(nextDay(lapse));
      const target = thing.data.lastsFor as { kind: string; id: string } | undefined;
      const convention = target?.kind === 'convention' ? timeline.conventions.get(target.id) : undefined;
      if (convention) {
        // The convention may leave and come back in force as its term changes: every day it may do so.
        span(convention.start);
        span(convention.end);
        add(convention.stoppedFrom);
        for (const change of convention.termChanges) {
          span(change.effective);
          span(change.newEnd);
        }
      }
    }
  }
  if (kind !== 'conflict') {
    for (const conflict of timeline.conflicts.values()) {
      if (conflict.data.about.some((ref) => ref.kind === kind && ref.id === id)) add(conflict.effective.first);
    }
  }
  return [...days].sort();
}
