import type { Day, EdtfDate } from '../dates/edtf-date.js';
import type { Confidence } from '../events/framework.events.js';
import { conventionInForce, lastingInForce, membershipActive, termEndOn, type LastingDays } from '../timeline/time-queries.js';
import type { ConventionT, Provenance, Timeline } from '../timeline/timeline.types.js';
import type { Support } from './evidence.js';
import { base, byName, conflictsAbout, opt, type ItemView } from './item-view-base.js';
import type { ItemKind } from './item-kinds.js';
import { partyEntry, partyView, type PartyEntry } from './party-view.js';
import { conventionSupports, supportsOf } from './supports.js';

/** What one item looked like on one day: the views the state answers and the read models hold. */

export { byName, bySince, type ItemView } from './item-view-base.js';
export { conventionsOf, type PartyEntry, type PartyView } from './party-view.js';

export interface ConventionView extends ItemView {
  start: Day;
  startEdtf: string;
  /** Last day of term after the extensions and renewals effective on that day (null: open-ended). */
  end: Day | null;
  endEdtf: string | null;
  originalEnd: string | null;
  termChanges: { kind: 'extension' | 'renewal'; effectiveDate: string; newEnd: string; eventId: string; evidence: Confidence }[];
  /** The parties bound that day, each with its own evidence and the passage of the fact that binds it. */
  parties: PartyEntry[];
  supersedes?: string;
  /** How sure the sources are that this convention replaces `supersedes`. */
  supersedesEvidence?: Confidence;
  /** The convention whose parties this one's are carried over from (an inference: the source names none). */
  partiesCarriedOverFrom?: string;
}

function conventionView(c: ConventionT, day: Day, timeline: Timeline, supports: readonly Support[]): ConventionView {
  const changes = c.termChanges.filter((change) => change.effective.first <= day);
  const last = changes[changes.length - 1];
  const term = conventionSupports(c);
  const parties = c.memberships
    .filter((m) => membershipActive(m, day))
    .map((m) => partyEntry(timeline, c, m, day, term))
    .sort(byName);
  const view: ConventionView = {
    ...base(c.id, c.name, c.start, c, conflictsAbout(timeline, 'convention', c.id, day), supports, day),
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
      evidence: change.source.confidence,
    })),
    parties,
  };
  if (c.supersedes !== undefined) {
    view.supersedes = c.supersedes;
    view.supersedesEvidence = c.supersessionConfidence ?? c.source.confidence;
  }
  if (c.partiesCarriedOverFrom !== undefined) view.partiesCarriedOverFrom = c.partiesCarriedOverFrom;
  return view;
}

type Lasting = { id: string; data: { name: string } & Record<string, any>; effective: EdtfDate; until?: Day } & Provenance & LastingDays;

const EXTRA: Record<'mission' | 'instrument' | 'body' | 'review' | 'milestone', (d: Record<string, any>) => Record<string, unknown>> = {
  mission: (d) => ({ domains: d.domains, ...opt('description', d.description), ...opt('lastsFor', d.lastsFor) }),
  instrument: (d) => ({ kind: d.kind, ...opt('figures', d.figures), ...opt('description', d.description), ...opt('lastsFor', d.lastsFor) }),
  body: (d) => ({ kind: d.kind, ...opt('description', d.description), ...opt('lastsFor', d.lastsFor) }),
  review: (d) => ({ ...opt('findings', d.findings), ...opt('conductedBy', d.conductedBy) }),
  milestone: (d) => opt('description', d.description),
};

const LASTS = new Set(['mission', 'instrument', 'body']);

function thingView(timeline: Timeline, kind: keyof typeof EXTRA, thing: Lasting, day: Day, supports: readonly Support[]): ItemView | null {
  const inForce = LASTS.has(kind) ? lastingInForce(timeline, thing, day) : thing.effective.first <= day;
  if (!inForce) return null;
  return { ...base(thing.id, thing.data.name, thing.effective, thing, conflictsAbout(timeline, kind, thing.id, day), supports, day), ...EXTRA[kind](thing.data) };
}

function conflictView(conflict: Timeline['conflicts'] extends Map<string, infer C> ? C : never, day: Day, supports: readonly Support[]): ItemView | null {
  if (conflict.effective.first > day) return null;
  return {
    ...base(conflict.id, conflict.data.subject, conflict.effective, conflict, [], supports, day),
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

/**
 * One item as it was on `day`, or null when it is not in force (or does not exist) that day.
 * `supports`: the item's supports (`supportsOf`), when the caller asks about many days.
 */
export function itemView(timeline: Timeline, kind: ItemKind, id: string, day: Day, supports?: readonly Support[]): ItemView | null {
  const support = () => supports ?? supportsOf(timeline, kind, id);
  if (kind === 'convention') {
    const c = timeline.conventions.get(id);
    return c && conventionInForce(c, day) ? conventionView(c, day, timeline, support()) : null;
  }
  if (kind === 'party') return timeline.parties.has(id) ? partyView(timeline, id, day, support()) : null;
  if (kind === 'conflict') {
    const conflict = timeline.conflicts.get(id);
    return conflict ? conflictView(conflict, day, support()) : null;
  }
  const thing = LASTING_OF(timeline)[kind].get(id);
  return thing ? thingView(timeline, kind, thing, day, support()) : null;
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
