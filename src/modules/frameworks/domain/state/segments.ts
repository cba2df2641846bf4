import type { Day } from '../dates/edtf-date.js';
import type { Timeline } from '../timeline/framework.timeline.js';
import type { Fact } from '../facts/known-facts.js';
import { bySince, itemBoundaries, itemsOf, itemView, KEY_OF_KIND, STATE_KINDS, type ItemKind, type ItemView, type StateKey, type StateView } from './state-at.js';

export type SegmentKind = ItemKind;

/** The read-model kind of each list of the state. */
export const KIND_OF = Object.fromEntries(Object.entries(KEY_OF_KIND).map(([kind, key]) => [key, kind])) as Record<StateKey, SegmentKind>;
export const KEY_OF = KEY_OF_KIND;

/** One item over the effective days [validFrom, validTo) on which it does not change. */
export interface ItemSegment {
  kind: SegmentKind;
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

/** The effective-time history of one item: consecutive days with the same view make one segment. */
export function segmentsOfItem(timeline: Timeline, kind: SegmentKind, itemId: string): ItemSegment[] {
  const segments: ItemSegment[] = [];
  let open: { segment: ItemSegment; json: string } | null = null;
  for (const day of itemBoundaries(timeline, kind, itemId)) {
    const view = itemView(timeline, kind, itemId, day);
    const json = view === null ? null : JSON.stringify(view);
    if (open && open.json === json) continue;
    if (open) {
      open.segment.validTo = day;
      segments.push(open.segment);
      open = null;
    }
    if (view !== null) {
      texts.set(view, json!);
      open = { segment: { kind, itemId, validFrom: day, validTo: null, payload: view }, json: json! };
    }
  }
  if (open) segments.push(open.segment);
  return segments;
}

/**
 * The whole effective-time history of a timeline as segments: for any day D,
 * the segments with validFrom <= D < validTo are exactly `stateAt(timeline, D)`.
 */
export function segmentsOf(timeline: Timeline): ItemSegment[] {
  return itemsOf(timeline).flatMap(({ kind, id }) => segmentsOfItem(timeline, kind, id));
}

/** The state made of the segments valid on `day` (what a read model answers). */
export function stateFromSegments(segments: readonly { kind: SegmentKind; payload: unknown }[]): StateView {
  const state = Object.fromEntries(STATE_KINDS.map((key) => [key, [] as ItemView[]])) as unknown as StateView;
  for (const segment of segments) (state[KEY_OF[segment.kind]] as ItemView[]).push(segment.payload as ItemView);
  for (const key of STATE_KINDS) (state[key] as ItemView[]).sort(bySince);
  return state;
}

/**
 * The items whose views a fact may change, once it is placed last in effective order
 * (every earlier fact dated on or before it). Used to project such a fact incrementally.
 */
export function affectedItems(timeline: Timeline, fact: Fact): { kind: SegmentKind; id: string }[] {
  const d = fact.data;
  const partiesOf = (conventionId: string | undefined) =>
    (conventionId === undefined ? undefined : timeline.conventions.get(conventionId))?.memberships.map((m) => ({ kind: 'party' as const, id: m.partyId })) ?? [];
  switch (fact.type) {
    case 'FrameworkEstablished':
      return [];
    case 'ConventionSigned':
      return [
        { kind: 'convention', id: d.conventionId },
        ...partiesOf(d.conventionId),
        ...(d.supersedes === undefined ? [] : [{ kind: 'convention' as const, id: d.supersedes as string }, ...partiesOf(d.supersedes)]),
      ];
    case 'ConventionExtended':
    case 'ConventionRenewed':
    case 'ConventionEnded':
      return [{ kind: 'convention', id: d.conventionId }, ...partiesOf(d.conventionId)];
    case 'PartyJoined':
      return [{ kind: 'convention', id: d.conventionId }, { kind: 'party', id: d.party.id }];
    case 'PartyWithdrew':
      return [{ kind: 'convention', id: d.conventionId }, { kind: 'party', id: d.partyId }];
    case 'SupportMissionLaunched':
    case 'SupportMissionEnded':
      return [{ kind: 'mission', id: d.missionId }];
    case 'InstrumentAdopted':
    case 'InstrumentRepealed':
      return [{ kind: 'instrument', id: d.instrumentId }];
    case 'BodyCreated':
    case 'BodyDissolved':
      return [{ kind: 'body', id: d.bodyId }];
    case 'ReviewConducted':
      return [{ kind: 'review', id: d.reviewId }];
    case 'MilestoneNoted':
      return [{ kind: 'milestone', id: d.milestoneId }];
    case 'SourceConflictNoted':
      return [{ kind: 'conflict', id: d.conflictId }, ...(d.about as { kind: SegmentKind; id: string }[])];
  }
}
