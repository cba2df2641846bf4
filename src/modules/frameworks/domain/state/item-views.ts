import { nextDay, previousDay, type Day, type EdtfDate } from '../dates/edtf-date.js';
import type { PartyRef, Source } from '../events/framework.events.js';
import { conventionInForce, lastingActive, membershipActive, termEndOn } from '../timeline/time-queries.js';
import type { ConventionT, Provenance, Timeline } from '../timeline/timeline.types.js';
import type { ItemKind, SubjectKind } from './item-kinds.js';

/** What one item looked like on one day: the views the state answers and the read models hold. */

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

function base(id: string, name: string, since: EdtfDate, origin: Provenance, conflicts: string[]): ItemView {
  const view: ItemView = {
    id,
    name,
    since: since.first,
    sinceEdtf: since.edtf,
    approximate: since.approximate,
    eventId: origin.eventId,
    source: origin.source,
  };
  if (conflicts.length > 0) view.conflicts = conflicts;
  return view;
}

/** Ids of the conflicts noted by `day` that concern the item, in the order they were noted. */
function conflictsAbout(timeline: Timeline, kind: SubjectKind, id: string, day: Day): string[] {
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

function conventionView(c: ConventionT, day: Day, timeline: Timeline): ConventionView {
  const changes = c.termChanges.filter((change) => change.effective.first <= day);
  const last = changes[changes.length - 1];
  const parties = c.memberships
    .filter((m) => membershipActive(m, day))
    .map((m) => timeline.parties.get(m.partyId) as PartyRef)
    .map((p) => ({ id: p.id, name: p.name, kind: p.kind }))
    .sort(byName);
  const view: ConventionView = {
    ...base(c.id, c.name, c.start, c, conflictsAbout(timeline, 'convention', c.id, day)),
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

/** The conventions with a membership of the party. */
export function conventionsOf(timeline: Timeline, partyId: string): ConventionT[] {
  return [...timeline.conventions.values()].filter((c) => c.memberships.some((m) => m.partyId === partyId));
}

/** The days a party is bound by each convention, as the timeline stood on `day`. */
function bindings(conventions: ConventionT[], partyId: string, day: Day): Binding[] {
  const result: Binding[] = [];
  for (const c of conventions) {
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

function partyView(timeline: Timeline, partyId: string, day: Day, conventions = conventionsOf(timeline, partyId)): PartyView | null {
  const binding = conventions
    .filter((c) => conventionInForce(c, day) && c.memberships.some((m) => m.partyId === partyId && membershipActive(m, day)))
    .map((c) => ({ id: c.id, name: c.name, since: c.start.first }))
    .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : byName(a, b)));
  if (binding.length === 0) return null;
  const party = timeline.parties.get(partyId) as PartyRef;
  const since = bindingSince(bindings(conventions, partyId, day))!;
  return {
    ...base(party.id, party.name, since.fromEdtf, since.origin, conflictsAbout(timeline, 'party', party.id, day)),
    since: since.from,
    kind: party.kind,
    conventions: binding.map((c) => c.id),
  };
}

type Lasting = { id: string; data: { name: string } & Record<string, any>; effective: EdtfDate; until?: Day } & Provenance;

const EXTRA: Record<'mission' | 'instrument' | 'body' | 'review' | 'milestone', (d: Record<string, any>) => Record<string, unknown>> = {
  mission: (d) => ({ domains: d.domains, ...opt('description', d.description) }),
  instrument: (d) => ({ kind: d.kind, ...opt('figures', d.figures), ...opt('description', d.description) }),
  body: (d) => ({ kind: d.kind, ...opt('description', d.description) }),
  review: (d) => ({ ...opt('findings', d.findings), ...opt('conductedBy', d.conductedBy) }),
  milestone: (d) => opt('description', d.description),
};

function lastingView(timeline: Timeline, kind: keyof typeof EXTRA, thing: Lasting, day: Day): ItemView | null {
  if (!lastingActive(thing, day)) return null;
  return { ...base(thing.id, thing.data.name, thing.effective, thing, conflictsAbout(timeline, kind, thing.id, day)), ...EXTRA[kind](thing.data) };
}

function conflictView(conflict: Timeline['conflicts'] extends Map<string, infer C> ? C : never, day: Day): ItemView | null {
  if (conflict.effective.first > day) return null;
  return {
    ...base(conflict.id, conflict.data.subject, conflict.effective, conflict, []),
    about: conflict.data.about,
    accounts: conflict.data.accounts,
    ...opt('resolution', conflict.data.resolution),
  };
}

export const LASTING_OF = (timeline: Timeline) =>
  ({
    mission: timeline.missions,
    instrument: timeline.instruments,
    body: timeline.bodies,
    review: timeline.reviews,
    milestone: timeline.milestones,
  }) as Record<keyof typeof EXTRA, Map<string, Lasting>>;

/** One item as it was on `day`, or null when it is not in force (or does not exist) that day. */
export function itemView(timeline: Timeline, kind: ItemKind, id: string, day: Day): ItemView | null {
  if (kind === 'convention') {
    const c = timeline.conventions.get(id);
    return c && conventionInForce(c, day) ? conventionView(c, day, timeline) : null;
  }
  if (kind === 'party') return timeline.parties.has(id) ? partyView(timeline, id, day) : null;
  if (kind === 'conflict') {
    const conflict = timeline.conflicts.get(id);
    return conflict ? conflictView(conflict, day) : null;
  }
  const thing = LASTING_OF(timeline)[kind].get(id);
  return thing ? lastingView(timeline, kind, thing, day) : null;
}

/** Every item the timeline knows of, by kind. */
export function itemsOf(timeline: Timeline): { kind: ItemKind; id: string }[] {
  const items: { kind: ItemKind; id: string }[] = [];
  for (const id of timeline.conventions.keys()) items.push({ kind: 'convention', id });
  for (const id of timeline.parties.keys()) items.push({ kind: 'party', id });
  for (const [kind, things] of Object.entries(LASTING_OF(timeline))) for (const id of things.keys()) items.push({ kind: kind as ItemKind, id });
  for (const id of timeline.conflicts.keys()) items.push({ kind: 'conflict', id });
  return items;
}

function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

