import type { Day } from './edtf-date.js';
import type { Timeline } from './framework.timeline.js';
import { boundaries, bySince, STATE_KINDS, stateAt, type ItemView, type StateKey, type StateView } from './state-at.js';

/** The read-model kind of each list of the state. */
export const KIND_OF: Record<StateKey, SegmentKind> = {
  conventions: 'convention',
  parties: 'party',
  missions: 'mission',
  instruments: 'instrument',
  bodies: 'body',
  reviews: 'review',
  milestones: 'milestone',
  conflicts: 'conflict',
};
export const KEY_OF = Object.fromEntries(Object.entries(KIND_OF).map(([k, v]) => [v, k])) as Record<SegmentKind, StateKey>;

export type SegmentKind = 'convention' | 'party' | 'mission' | 'instrument' | 'body' | 'review' | 'milestone' | 'conflict';

/** One item over the effective days [validFrom, validTo) on which it does not change. */
export interface ItemSegment {
  kind: SegmentKind;
  itemId: string;
  validFrom: Day;
  validTo: Day | null;
  payload: ItemView;
}

/**
 * The whole effective-time history of a timeline as segments: for any day D,
 * the segments with validFrom <= D < validTo are exactly `stateAt(timeline, D)`.
 */
export function segmentsOf(timeline: Timeline): ItemSegment[] {
  const open = new Map<string, { segment: ItemSegment; json: string }>();
  const done: ItemSegment[] = [];
  for (const day of boundaries(timeline)) {
    const state = stateAt(timeline, day);
    const seen = new Set<string>();
    for (const key of STATE_KINDS) {
      for (const item of state[key] as ItemView[]) {
        const id = `${KIND_OF[key]}:${item.id}`;
        seen.add(id);
        const json = JSON.stringify(item);
        const current = open.get(id);
        if (current && current.json === json) continue;
        if (current) {
          current.segment.validTo = day;
          done.push(current.segment);
        }
        open.set(id, { segment: { kind: KIND_OF[key], itemId: item.id, validFrom: day, validTo: null, payload: item }, json });
      }
    }
    for (const [id, current] of open) {
      if (seen.has(id)) continue;
      current.segment.validTo = day;
      done.push(current.segment);
      open.delete(id);
    }
  }
  for (const current of open.values()) done.push(current.segment);
  return done;
}

/** The state made of the segments valid on `day` (what a read model answers). */
export function stateFromSegments(segments: readonly { kind: SegmentKind; payload: unknown }[]): StateView {
  const state = Object.fromEntries(STATE_KINDS.map((key) => [key, [] as ItemView[]])) as unknown as StateView;
  for (const segment of segments) (state[KEY_OF[segment.kind]] as ItemView[]).push(segment.payload as ItemView);
  for (const key of STATE_KINDS) {
    (state[key] as ItemView[]).sort(bySince);
  }
  return state;
}
