import type { Day } from '../dates/edtf-date.js';
import { factDefinitionOf } from '../events/event-catalogue.js';
import type { Fact } from '../facts/known-facts.js';
import type { Timeline } from '../timeline/timeline.types.js';
import { itemBoundaries } from './item-boundaries.js';
import { KEY_OF_KIND, STATE_KINDS, type ItemKind, type ItemRef } from './item-kinds.js';
import { bySince, conventionsOf, itemsOf, itemView, type ItemView } from './item-views.js';
import { partyView } from './party-view.js';
import type { Support } from './evidence.js';
import { jsonEqual } from './json-equal.js';
import { emptyState, type StateView } from './state-at.js';
import { supportsOf } from './supports.js';

/** One item over the effective days [validFrom, validTo) on which it does not change. */
export interface ItemSegment {
  kind: ItemKind;
  itemId: string;
  validFrom: Day;
  validTo: Day | null;
  payload: ItemView;
}

/** The JSON text of each payload made here, so that it is written once (payloads are never mutated). */
const texts = new WeakMap<object, string>();

/** The JSON text of a segment's payload. */
export function payloadJson(payload: object): string {
  let text = texts.get(payload);
  if (text === undefined) {
    text = JSON.stringify(payload);
    texts.set(payload, text);
  }
  return text;
}

/**
 * The effective-time history of one item: consecutive days with the same view (the same JSON) make
 * one segment. Views are compared structurally (`jsonEqual`), and a party's conventions are looked
 * up once for all its days.
 */
export function segmentsOfItem(timeline: Timeline, kind: ItemKind, itemId: string): ItemSegment[] {
  const segments: ItemSegment[] = [];
  let open: ItemSegment | null = null;
  const supports = supportsOf(timeline, kind, itemId);
  const view = viewOfItem(timeline, kind, itemId, supports);
  for (const day of itemBoundaries(timeline, kind, itemId, supports)) {
    const next = view(day);
    if (open && next !== null && jsonEqual(open.payload, next)) continue;
    if (open) {
      open.validTo = day;
      segments.push(open);
      open = null;
    }
    if (next !== null) open = { kind, itemId, validFrom: day, validTo: null, payload: next };
  }
  if (open) segments.push(open);
  return segments;
}

/** The item's view on a day, with what does not depend on the day worked out once. */
function viewOfItem(timeline: Timeline, kind: ItemKind, itemId: string, supports: readonly Support[]): (day: Day) => ItemView | null {
  if (kind === 'party' && timeline.parties.has(itemId)) {
    const conventions = conventionsOf(timeline, itemId);
    return (day) => partyView(timeline, itemId, day, supports, conventions);
  }
  return (day) => itemView(timeline, kind, itemId, day, supports);
}

/**
 * The whole effective-time history of a timeline as segments: for any day D,
 * the segments with validFrom <= D < validTo are exactly `stateAt(timeline, D)`.
 */
export function segmentsOf(timeline: Timeline): ItemSegment[] {
  return itemsOf(timeline).flatMap(({ kind, id }) => segmentsOfItem(timeline, kind, id));
}

/** The state made of the segments valid on `day` (what a read model answers). */
export function stateFromSegments(segments: readonly { kind: ItemKind; payload: unknown }[]): StateView {
  const state = emptyState();
  for (const segment of segments) (state[KEY_OF_KIND[segment.kind]] as ItemView[]).push(segment.payload as ItemView);
  for (const key of STATE_KINDS) (state[key] as ItemView[]).sort(bySince);
  return state;
}

/**
 * The items whose views a fact may change, once it is placed last in effective order
 * (every earlier fact dated on or before it). Used to project such a fact incrementally.
 */
export function affectedItems(timeline: Timeline, fact: Fact): ItemRef[] {
  return factDefinitionOf(fact.type)?.affects(fact.data, timeline) ?? [];
}
