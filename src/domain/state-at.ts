import { nextDay, previousDay, type Day, type EdtfDate } from './edtf-date.js';
import type { PartyRef, Source } from './framework.events.js';
import {
  conventionInForce,
  lastingActive,
  membershipActive,
  termEndOn,
  type ConventionT,
  type Provenance,
  type Timeline,
} from './framework.timeline.js';

/** What the framework looked like on one day: each list holds what is in force or exists on that day. */
export interface StateView {
  conventions: ConventionView[];
  parties: PartyView[];
  missions: ItemView[];
  instruments: ItemView[];
  bodies: ItemView[];
  reviews: ItemView[];
  milestones: ItemView[];
  conflicts: ItemView[];
}

export const STATE_KINDS = ['conventions', 'parties', 'missions', 'instruments', 'bodies', 'reviews', 'milestones', 'conflicts'] as const;
export type StateKey = (typeof STATE_KINDS)[number];

/** Every item: `since` is the first day it counts from; `approximate` when that date is coarser than a day. */
export interface ItemView {
  id: string;
  name: string;
  since: Day;
  sinceEdtf: string;
  approximate: boolean;
  eventId: string;
  source: Source;
  /** Ids of the source conflicts that concern this item. */
  conflicts?: string[];
  [field: string]: unknown;
}

export interface ConventionView extends ItemView {
  start: Day;
  startEdtf: string;
  /** Last day of term after the extensions and renewals effective on that day (null: open-ended). */
  end: Day | null;
  endEdtf: string | null;
  originalEnd: string | null;
  termChanges: { kind: 'extension' | 'renewal'; effectiveDate: string; newEnd: string; eventId: string }[];
  parties: { id: string; name: string; kind: string }[];
  supersedes?: string;
}

export interface PartyView extends ItemView {
  kind: string;
  /** The conventions that bind the party on that day. */
  conventions: string[];
}

function base(id: string, name: string, since: EdtfDate, origin: Provenance, conflicts: Map<string, string[]>, kind: string): ItemView {
  const view: ItemView = {
    id,
    name,
    since: since.first,
    sinceEdtf: since.edtf,
    approximate: since.approximate,
    eventId: origin.eventId,
    source: origin.source,
  };
  const about = conflicts.get(`${kind}:${id}`);
  if (about) view.conflicts = about;
  return view;
}

function conflictIndex(timeline: Timeline, day: Day): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const conflict of timeline.conflicts.values()) {
    if (conflict.effective.first > day) continue;
    for (const ref of conflict.data.about) {
      const key = `${ref.kind}:${ref.id}`;
      index.set(key, [...(index.get(key) ?? []), conflict.id]);
    }
  }
  return index;
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name, 'fr') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** The order of every list of the state: by `since`, then name, then id. */
export const bySince = (a: ItemView, b: ItemView) => (a.since < b.since ? -1 : a.since > b.since ? 1 : byName(a, b));

function conventionView(c: ConventionT, day: Day, timeline: Timeline, conflicts: Map<string, string[]>): ConventionView {
  const changes = c.termChanges.filter((change) => change.effective.first <= day);
  const last = changes[changes.length - 1];
  const parties = c.memberships
    .filter((m) => membershipActive(m, day))
    .map((m) => timeline.parties.get(m.partyId) as PartyRef)
    .map((p) => ({ id: p.id, name: p.name, kind: p.kind }))
    .sort(byName);
  const view: ConventionView = {
    ...base(c.id, c.name, c.start, c, conflicts, 'convention'),
    start: c.start.first,
    startEdtf: c.start.edtf,
    end: termEndOn(c, day),
    endEdtf: last ? last.newEnd.edtf : (c.end?.edtf ?? null),
    originalEnd: c.end?.edtf ?? null,
    termChanges: changes.map((change) => ({
      kind: change.kind,
      effectiveDate: change.effective.edtf,
      newEnd: change.newEnd.edtf,
      eventId: change.eventId,
    })),
    parties,
  };
  if (c.supersedes !== undefined) view.supersedes = c.supersedes;
  return view;
}

interface Binding {
  from: Day;
  /** Last day bound. */
  to: Day | null;
  origin: Provenance;
  fromEdtf: EdtfDate;
}

/** The days a party is bound by each convention, as the timeline stood on `day`. */
function bindings(timeline: Timeline, partyId: string, day: Day): Binding[] {
  const result: Binding[] = [];
  for (const c of timeline.conventions.values()) {
    if (c.start.first > day) continue;
    let last = termEndOn(c, day);
    if (c.stoppedFrom !== undefined) {
      const stop = previousDay(c.stoppedFrom);
      if (last === null || stop < last) last = stop;
    }
    for (const m of c.memberships) {
      if (m.partyId !== partyId || m.from > day) continue;
      const from = m.from > c.start.first ? m.from : c.start.first;
      let to = last;
      if (m.until !== undefined) {
        const stop = previousDay(m.until);
        if (to === null || stop < to) to = stop;
      }
      if (to !== null && to < from) continue;
      const fromEdtf = m.from > c.start.first ? m.effective : c.start;
      result.push({ from, to, origin: m, fromEdtf });
    }
  }
  return result.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The binding that started the last unbroken run of bindings (the one that covers a day the party is bound). */
function bindingSince(list: Binding[]): Binding | undefined {
  let runStart: Binding | undefined;
  let runEnd: Day | null = null;
  for (const b of list) {
    if (runStart && (runEnd === null || b.from <= nextDay(runEnd))) {
      if (runEnd !== null && (b.to === null || b.to > runEnd)) runEnd = b.to;
    } else {
      runStart = b;
      runEnd = b.to;
    }
  }
  return runStart;
}

export function stateAt(timeline: Timeline, day: Day): StateView {
  const conflicts = conflictIndex(timeline, day);
  const conventions = [...timeline.conventions.values()]
    .filter((c) => conventionInForce(c, day))
    .map((c) => conventionView(c, day, timeline, conflicts))
    .sort(bySince);

  const bound = new Map<string, string[]>();
  for (const c of conventions) {
    for (const p of c.parties) bound.set(p.id, [...(bound.get(p.id) ?? []), c.id]);
  }
  const parties: PartyView[] = [...bound.entries()]
    .map(([partyId, conventionIds]) => {
      const party = timeline.parties.get(partyId) as PartyRef;
      const since = bindingSince(bindings(timeline, partyId, day))!;
      return {
        ...base(party.id, party.name, since.fromEdtf, since.origin, conflicts, 'party'),
        since: since.from,
        kind: party.kind,
        conventions: conventionIds,
      };
    })
    .sort(bySince);

  const lasting = <D extends { name: string }>(
    things: Map<string, { id: string; data: D; effective: EdtfDate; until?: Day } & Provenance>,
    kind: string,
    extra: (data: D) => Record<string, unknown>,
  ): ItemView[] =>
    [...things.values()]
      .filter((t) => lastingActive(t, day))
      .map((t) => ({ ...base(t.id, t.data.name, t.effective, t, conflicts, kind), ...extra(t.data) }))
      .sort(bySince);

  return {
    conventions,
    parties,
    missions: lasting(timeline.missions, 'mission', (d) => ({ domains: d.domains, ...opt('description', d.description) })),
    instruments: lasting(timeline.instruments, 'instrument', (d) => ({
      kind: d.kind,
      ...opt('figures', d.figures),
      ...opt('description', d.description),
    })),
    bodies: lasting(timeline.bodies, 'body', (d) => ({ kind: d.kind, ...opt('description', d.description) })),
    reviews: lasting(timeline.reviews, 'review', (d) => ({
      ...opt('findings', d.findings),
      ...opt('conductedBy', d.conductedBy),
    })),
    milestones: lasting(timeline.milestones, 'milestone', (d) => opt('description', d.description)),
    conflicts: [...timeline.conflicts.values()]
      .filter((c) => c.effective.first <= day)
      .map((c) => ({
        ...base(c.id, c.data.subject, c.effective, c, new Map(), 'conflict'),
        about: c.data.about,
        accounts: c.data.accounts,
        ...opt('resolution', c.data.resolution),
      }))
      .sort(bySince),
  };
}

function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Every day on which `stateAt` may change: the state is constant between two consecutive ones. */
export function boundaries(timeline: Timeline): Day[] {
  const days = new Set<Day>();
  const span = (date: EdtfDate | null | undefined) => {
    if (!date) return;
    days.add(date.first);
    days.add(nextDay(date.last));
  };
  const add = (day: Day | undefined) => day !== undefined && days.add(day);
  for (const c of timeline.conventions.values()) {
    span(c.start);
    span(c.end);
    add(c.stoppedFrom);
    for (const change of c.termChanges) {
      span(change.effective);
      span(change.newEnd);
    }
    for (const m of c.memberships) {
      add(m.from);
      add(m.until);
    }
  }
  for (const things of [timeline.missions, timeline.instruments, timeline.bodies]) {
    for (const t of things.values()) {
      span(t.effective);
      add(t.until);
    }
  }
  for (const things of [timeline.reviews, timeline.milestones, timeline.conflicts]) {
    for (const t of things.values()) span(t.effective);
  }
  return [...days].sort();
}
