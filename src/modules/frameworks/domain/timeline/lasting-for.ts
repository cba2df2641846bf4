import type { LastsForKind } from '../events/common.schema.js';
import type { ItemRef } from '../state/item-kinds.js';
import type { Timeline } from './timeline.types.js';

/** The missions, instruments and bodies adopted for the term of a convention or the time of a review. */
export function lastingFor(timeline: Timeline, kind: LastsForKind, id: string): ItemRef[] {
  const refs: ItemRef[] = [];
  const things = [
    ['mission', timeline.missions],
    ['instrument', timeline.instruments],
    ['body', timeline.bodies],
  ] as const;
  for (const [thingKind, map] of things) {
    for (const thing of map.values()) {
      const target = thing.data.lastsFor;
      if (target && target.kind === kind && target.id === id) refs.push({ kind: thingKind, id: thing.id });
    }
  }
  return refs;
}
