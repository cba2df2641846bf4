import { array, object, oneOf, optional, type Infer } from '../../../../libs/schema/schema.js';
import { nextDay, parseEdtf } from '../dates/edtf-date.js';
import type { Timeline } from '../timeline/timeline.types.js';
import { conventionInForce, termEndOn } from '../timeline/time-queries.js';
import { provenance, unknownConvention, violation } from '../timeline/rule-helpers.js';
import type { ItemRef } from '../state/item-kinds.js';
import { lastingFor } from '../timeline/lasting-for.js';
import type { CheckContext, FactDefinition, SummaryContext } from './event-definition.js';
import { CONFIDENCES, edtf, id, name, optionalText, partyRef } from './common.schema.js';

/** The conventions: signed (with their parties), extended (prorogation), renewed (reconduction), ended. */

const signedData = object(
  {
    conventionId: id('cc-2003'),
    name: name(),
    start: edtf('EDTF; the convention is in force from its first day'),
    end: optional(edtf('EDTF; in force through its last day. Absent: open-ended until superseded or ended')),
    parties: array(partyRef, { min: 1, max: 500 }),
    supersedes: optional(id()),
    partiesCarriedOverFrom: optional(id('cc-2000')),
    supersessionConfidence: optional(oneOf(CONFIDENCES, { description: 'How sure the source is of the supersession (default: the source’s confidence)' })),
  },
  { title: 'ConventionSignedData' },
);
export type ConventionSignedData = Infer<typeof signedData>;

/** The convention, the parties it binds and what lasts for its term: what a change of its term touches. */
export function conventionAndParties(timeline: Timeline, conventionId: string | undefined): ItemRef[] {
  const convention = conventionId === undefined ? undefined : timeline.conventions.get(conventionId);
  if (conventionId === undefined) return [];
  return [
    { kind: 'convention', id: conventionId },
    ...(convention?.memberships.map((m) => ({ kind: 'party' as const, id: m.partyId })) ?? []),
    ...lastingFor(timeline, 'convention', conventionId),
  ];
}

/** « la Convention cadre 2003 - 2005 » (a convention is feminine in French). */
export const theConvention = (context: SummaryContext, conventionId: string) => {
  const named = context.nameOf('convention', conventionId);
  return named === conventionId ? `la convention ${conventionId}` : `la ${named}`;
};

export const ConventionSigned: FactDefinition<'ConventionSigned', ConventionSignedData> = {
  type: 'ConventionSigned',
  family: 'fact',
  data: signedData,
  label: 'Convention signée',
  summary: (d) => `${d.name} (${d.parties.length} signataire${d.parties.length > 1 ? 's' : ''})`,
  identity: { key: 'conventionId', kind: 'convention', creates: true },
  check(d, context) {
    const { timeline, created } = context;
    if (timeline.conventions.has(d.conventionId)) {
      return violation(context, 'convention-already-exists', `convention ${d.conventionId} already exists`, 'data.conventionId');
    }
    const start = parseEdtf(d.start);
    if (d.end !== undefined && parseEdtf(d.end).last < start.first) {
      return violation(context, 'end-before-start', `convention ${d.conventionId} ends (${d.end}) before it starts (${d.start})`, 'data.end');
    }
    const ids = d.parties.map((p) => p.id);
    if (ids.length === 0) return violation(context, 'convention-without-parties', 'a convention needs at least one party', 'data.parties');
    const twice = ids.find((partyId, i) => ids.indexOf(partyId) !== i);
    if (twice) return violation(context, 'party-listed-twice', `party ${twice} is listed twice`, 'data.parties');
    const from = d.partiesCarriedOverFrom;
    if (from !== undefined && (from === d.conventionId || !timeline.conventions.has(from))) {
      return violation(context, 'convention-unknown', `the parties cannot be carried over from ${from}: no such convention before ${d.conventionId}`, 'data.partiesCarriedOverFrom');
    }
    if (d.supersedes !== undefined) {
      const old = timeline.conventions.get(d.supersedes);
      if (!old && created.has(`convention:${d.supersedes}`)) {
        return violation(context, 'supersedes-later-convention', `convention ${d.supersedes} does not start before ${d.conventionId}`);
      }
      if (!old) return violation(context, 'convention-unknown', `superseded convention ${d.supersedes} is unknown`);
      if (old.start.first >= start.first) {
        return violation(context, 'supersedes-later-convention', `convention ${d.supersedes} does not start before ${d.conventionId}`);
      }
      if (old.stoppedBy?.reason === 'superseded') {
        return violation(context, 'convention-already-superseded', `convention ${d.supersedes} is already superseded by ${old.stoppedBy.by}`);
      }
    }
    return null;
  },
  evolve(d, timeline, fact) {
    const start = parseEdtf(d.start);
    for (const party of d.parties) if (!timeline.parties.has(party.id)) timeline.parties.set(party.id, party);
    const carried = d.partiesCarriedOverFrom;
    timeline.conventions.set(d.conventionId, {
      ...provenance(fact),
      id: d.conventionId,
      name: d.name,
      start,
      end: d.end === undefined ? null : parseEdtf(d.end),
      termChanges: [],
      supersedes: d.supersedes,
      ...(carried === undefined ? {} : { partiesCarriedOverFrom: carried }),
      ...(d.supersessionConfidence === undefined ? {} : { supersessionConfidence: d.supersessionConfidence }),
      memberships: d.parties.map((party) => ({
        ...provenance(fact),
        partyId: party.id,
        from: start.first,
        origin: 'signing' as const,
        confidence: carried === undefined ? fact.source.confidence : ('inferred' as const),
        ...(carried === undefined ? {} : { carriedOverFrom: carried }),
      })),
    });
    const old = d.supersedes === undefined ? undefined : timeline.conventions.get(d.supersedes);
    if (old && (old.stoppedFrom === undefined || start.first < old.stoppedFrom)) {
      old.stoppedFrom = start.first;
      old.stoppedBy = { ...provenance(fact), reason: 'superseded', by: d.conventionId };
    }
  },
  affects: (d, timeline) => [
    ...conventionAndParties(timeline, d.conventionId),
    ...(d.supersedes === undefined ? [] : conventionAndParties(timeline, d.supersedes)),
  ],
};

const termData = (title: string) => object({ conventionId: id(), newEnd: edtf() }, { title });
export type ConventionTermData = Infer<ReturnType<typeof termData>>;

/** A later end for the same convention: a prorogation (extension) or a reconduction (renewal). */
function termChange<T extends 'ConventionExtended' | 'ConventionRenewed'>(
  type: T,
  label: string,
  kind: 'extension' | 'renewal',
  word: string,
): FactDefinition<T, ConventionTermData> {
  return {
    type,
    family: 'fact',
    data: termData(type === 'ConventionExtended' ? 'ConventionExtendedData' : 'ConventionRenewedData'),
    label,
    summary: (d, context) => `${theConvention(context, d.conventionId)} : fin portée ${untilDate(context, d.newEnd)}`,
    identity: { key: 'conventionId', kind: 'convention', creates: false },
    check(d, context: CheckContext) {
      const convention = context.timeline.conventions.get(d.conventionId);
      if (!convention) return unknownConvention(context, d.conventionId, word);
      const end = termEndOn(convention, context.day);
      if (end === null) return violation(context, 'convention-open-ended', `convention ${d.conventionId} has no end to be ${word}`);
      const stopped = convention.stoppedFrom !== undefined && convention.stoppedFrom <= context.day;
      if (convention.start.first > context.day || stopped || context.day > nextDay(end)) {
        return violation(context, 'convention-not-in-force', `convention ${d.conventionId} is not in force on ${context.day} and cannot be ${word}`);
      }
      if (parseEdtf(d.newEnd).last <= end) {
        return violation(context, 'extension-must-extend', `the new end ${d.newEnd} is not after the current end ${end}`, 'data.newEnd');
      }
      return null;
    },
    evolve(d, timeline, fact) {
      timeline.conventions.get(d.conventionId)?.termChanges.push({ ...provenance(fact), kind, newEnd: parseEdtf(d.newEnd) });
    },
    affects: (d, timeline) => conventionAndParties(timeline, d.conventionId),
  };
}

/** « au 31 décembre 2018 », « à fin 2018 », « à fin juin 2018 »: the last day of an EDTF date, in words. */
function untilDate(context: SummaryContext, value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `au ${context.date(value)}`;
  if (/^\d{4}(-\d{2})?$/.test(value)) return `à fin ${context.date(value)}`;
  return `à ${context.date(value)}`;
}

export const ConventionExtended = termChange('ConventionExtended', 'Convention prorogée', 'extension', 'extended');
export const ConventionRenewed = termChange('ConventionRenewed', 'Convention reconduite', 'renewal', 'renewed');

const endedData = object({ conventionId: id(), reason: optionalText(2000) }, { title: 'ConventionEndedData' });
export type ConventionEndedData = Infer<typeof endedData>;

export const ConventionEnded: FactDefinition<'ConventionEnded', ConventionEndedData> = {
  type: 'ConventionEnded',
  family: 'fact',
  data: endedData,
  label: 'Fin de convention',
  summary: (d, context) => `${context.nameOf('convention', d.conventionId)}${d.reason ? ` : ${d.reason}` : ''}`,
  identity: { key: 'conventionId', kind: 'convention', creates: false },
  check(d, context) {
    const convention = context.timeline.conventions.get(d.conventionId);
    if (!convention) return unknownConvention(context, d.conventionId, 'ended');
    if (!conventionInForce(convention, context.day)) {
      return violation(context, 'convention-not-in-force', `convention ${d.conventionId} is not in force on ${context.day}`);
    }
    return null;
  },
  evolve(d, timeline, fact, day) {
    const convention = timeline.conventions.get(d.conventionId);
    if (convention && (convention.stoppedFrom === undefined || day < convention.stoppedFrom)) {
      convention.stoppedFrom = day;
      convention.stoppedBy = { ...provenance(fact), reason: 'ended' };
    }
  },
  affects: (d, timeline) => conventionAndParties(timeline, d.conventionId),
};
