import type { Day } from '../../modules/frameworks/domain/dates/edtf-date.js';
import type { RecordedEvent } from '../../modules/frameworks/domain/events/framework.events.js';
import { buildTimeline, evolveTimeline } from '../../modules/frameworks/domain/timeline/fold.js';
import { factDay } from '../../modules/frameworks/domain/timeline/time-queries.js';
import { type Timeline } from '../../modules/frameworks/domain/timeline/timeline.types.js';
import { factOf, isCorrection, knownFacts, type Fact } from '../../modules/frameworks/domain/facts/known-facts.js';
import type { ItemKind } from '../../modules/frameworks/domain/state/item-kinds.js';
import { affectedItems, segmentsOfItem } from '../../modules/frameworks/domain/state/segments.js';
import { jsonEqual } from '../../modules/frameworks/domain/state/json-equal.js';
import { HorizonTracker } from '../../modules/frameworks/domain/state/horizon.js';
import { ProjectionGap, ReadModelsDiverged } from '../read-models/commit-rules.js';
import { READ_MODEL_FORMAT, type FrameworkSummary, type ProjectionChange, type Segment } from '../read-models/read-model.port.js';

const itemKey = (kind: ItemKind, id: string) => `${kind}:${id}`;

/**
 * Facts whose place in effective order changes nothing: a milestone's evolve only adds it to the
 * milestones, which no other fact's evolve reads, so folding one last gives the timeline of folding
 * it in place (up to the order of the milestones map, which no view depends on). A milestone never
 * refolds, and facts dated after milestones only (one dated 9999-12-31, say) are folded in directly.
 */
const commutes = (fact: Fact) => fact.type === 'MilestoneNoted';

/**
 * The bitemporal projection of one framework, kept in memory between events.
 *
 * For each new event it says what closes and what opens at the event's recorded instant.
 * A fact dated on or after every earlier fact (the common case) is folded in; a back-dated
 * fact, a correction or a retraction refolds the timeline. Either way only the items the fact
 * touches are recomputed, and the result equals `segmentsOf` of the full fold (property-tested).
 *
 * It holds the framework's events 0..revision and takes only the next one: an event it already
 * holds gives no change (another runner may have stored the framework further than this runner
 * has read the log), one further ahead is a gap.
 */
export class FrameworkProjection {
  private timeline: Timeline;
  /** The latest day of the facts folded that do not commute (later facts are milestones only). */
  private lastDay: Day = '0000-00-00';
  /** The current segments of each item, by item key (at most one per validFrom). */
  private readonly current = new Map<string, Segment[]>();
  /** The horizon over recorded time, followed event by event. */
  private readonly horizon: HorizonTracker;

  private constructor(
    readonly frameworkId: string,
    private readonly events: RecordedEvent[],
  ) {
    this.horizon = HorizonTracker.of(events);
    const { facts } = knownFacts(events);
    this.timeline = buildTimeline(facts);
    for (const fact of facts) if (!commutes(fact) && factDay(fact) > this.lastDay) this.lastDay = factDay(fact);
  }

  /** Resumes from what the read models hold: the framework's events and its current segments. */
  static resume(frameworkId: string, events: RecordedEvent[], current: readonly Segment[]): FrameworkProjection {
    const projection = new FrameworkProjection(frameworkId, [...events]);
    for (const s of current) {
      const segment: Segment = { kind: s.kind, itemId: s.itemId, validFrom: s.validFrom, validTo: s.validTo, payload: s.payload };
      const key = itemKey(s.kind, s.itemId);
      projection.current.set(key, [...(projection.current.get(key) ?? []), segment]);
    }
    return projection;
  }

  get eventCount(): number {
    return this.events.length;
  }

  /** The revision of the last event held (-1: none). */
  get revision(): number {
    return this.events.length - 1;
  }

  /**
   * The change `event` makes; null when the projection already holds it (the same event: another
   * one at its revision throws `ReadModelsDiverged`). Throws `ProjectionGap` when events are missing
   * before it.
   */
  apply(event: RecordedEvent): ProjectionChange | null {
    if (event.revision <= this.revision) {
      const held = this.events[event.revision];
      if (held?.eventId !== event.eventId) throw new ReadModelsDiverged(this.frameworkId, event.revision, event.position, held?.eventId ?? null, event.eventId);
      return null;
    }
    if (event.revision !== this.revision + 1) throw new ProjectionGap(this.frameworkId, this.revision, event.revision, event.position);
    this.events.push(event);
    const entries = this.horizon.history.length;
    this.horizon.apply(event);
    const horizon = this.horizon.history.length > entries ? { ...this.horizon.history[entries] } : undefined;
    const close: ProjectionChange['close'] = [];
    const open: Segment[] = [];
    // An item's segments before and after: one that stays (same days, same JSON) is neither closed nor opened.
    const replace = (key: string, next: Segment[]) => {
      const before = this.current.get(key) ?? [];
      const byFrom = new Map(before.map((s) => [s.validFrom, s]));
      const kept = new Set<Segment>();
      const after = next.map((s) => {
        const old = byFrom.get(s.validFrom);
        if (old && old.validTo === s.validTo && jsonEqual(old.payload, s.payload)) {
          kept.add(old);
          return old;
        }
        open.push(s);
        return s;
      });
      for (const s of before) if (!kept.has(s)) close.push({ kind: s.kind, itemId: s.itemId, validFrom: s.validFrom });
      if (after.length > 0) this.current.set(key, after);
      else this.current.delete(key);
    };

    const fact = isCorrection(event.type) ? null : factOf(event);
    if (fact && (commutes(fact) || factDay(fact) >= this.lastDay)) {
      if (!commutes(fact)) this.lastDay = factDay(fact);
      evolveTimeline(this.timeline, fact);
      const seen = new Set<string>();
      for (const { kind, id } of affectedItems(this.timeline, fact)) {
        const key = itemKey(kind, id);
        if (seen.has(key)) continue;
        seen.add(key);
        replace(key, segmentsOfItem(this.timeline, kind, id) as Segment[]);
      }
    } else {
      // Back-dated, corrected or retracted: refold the timeline, then recompute the items the
      // fact touches — before and after, for a correction — and those of any party renamed.
      const before = this.timeline;
      const target = fact ? null : (event.data as { eventId: string }).eventId;
      const was = target === null ? undefined : knownFacts(this.events.slice(0, -1)).facts.find((f) => f.eventId === target);
      const { facts } = knownFacts(this.events);
      this.timeline = buildTimeline(facts);
      for (const f of facts) if (!commutes(f) && factDay(f) > this.lastDay) this.lastDay = factDay(f);
      const dirty = fact ? affectedItems(this.timeline, fact) : [];
      if (was) dirty.push(...affectedItems(before, was));
      const now = target === null ? undefined : facts.find((f) => f.eventId === target);
      if (now) dirty.push(...affectedItems(this.timeline, now));
      for (const id of new Set([...before.parties.keys(), ...this.timeline.parties.keys()])) {
        const a = before.parties.get(id);
        const b = this.timeline.parties.get(id);
        if (a?.name === b?.name && a?.kind === b?.kind) continue;
        dirty.push({ kind: 'party', id });
        for (const timeline of [before, this.timeline]) {
          for (const c of timeline.conventions.values()) {
            if (c.memberships.some((m) => m.partyId === id)) dirty.push({ kind: 'convention', id: c.id });
          }
        }
      }
      const seen = new Set<string>();
      for (const { kind, id } of dirty) {
        const key = itemKey(kind, id);
        if (seen.has(key)) continue;
        seen.add(key);
        replace(key, segmentsOfItem(this.timeline, kind, id) as Segment[]);
      }
    }
    return { position: event.position, event, framework: this.summary(event), ...(horizon ? { horizon } : {}), close, open };
  }

  private summary(event: RecordedEvent): FrameworkSummary {
    const established = this.timeline.established;
    return {
      id: this.frameworkId,
      name: established?.name ?? this.frameworkId,
      ...(established?.description ? { description: established.description } : {}),
      createdAt: this.events[0].recordedAt,
      revision: event.revision,
      eventCount: this.events.length,
      updatedAt: event.recordedAt,
      format: READ_MODEL_FORMAT,
    };
  }
}

/** One event projected on its own (loads nothing, keeps nothing): what the contract suites use. */
export function projectEvent(previous: readonly RecordedEvent[], event: RecordedEvent, current: readonly Segment[]): ProjectionChange {
  const change = FrameworkProjection.resume(event.frameworkId, [...previous], current).apply(event);
  if (!change) throw new RangeError(`projectEvent: revision ${event.revision} is among the ${previous.length} previous events`);
  return change;
}
