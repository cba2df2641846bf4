import { array, object, oneOf, optional, record, scalar, type Infer } from '../../../../libs/schema/schema.js';
import type { ItemKind } from '../state/item-kinds.js';
import { endLasting, provenance, stillActive, unique, violation } from '../timeline/rule-helpers.js';
import { conventionInForce } from '../timeline/time-queries.js';
import type { LastingT, RuleViolation, Timeline } from '../timeline/timeline.types.js';
import type { CheckContext, FactDefinition } from './event-definition.js';
import { BODY_KINDS, id, INSTRUMENT_KINDS, lastsFor, MISSION_DOMAINS, name, optionalText, type LastsForKind } from './common.schema.js';

/**
 * Things that exist from a date until they are ended: support missions (launched, ended),
 * instruments (adopted, repealed) and bodies (created, dissolved). Each pair is built the same way.
 * One adopted for the term of a convention, or for the time of a review (`lastsFor`), lapses
 * when that term ends (renewals and extensions included).
 */

type LastingKind = 'mission' | 'instrument' | 'body';
type Target = { kind: LastsForKind; id: string } | undefined;

/** A convention lasted for must be in force on the day the thing starts. */
function lastsForConvention(context: CheckContext, target: Target): RuleViolation | null {
  if (target?.kind !== 'convention') return null;
  const convention = context.timeline.conventions.get(target.id);
  if (!convention && !context.created.has(`convention:${target.id}`)) {
    return violation(context, 'convention-unknown', `convention ${target.id} is unknown`, 'data.lastsFor.id');
  }
  if (!convention || !conventionInForce(convention, context.day)) {
    return violation(context, 'convention-not-in-force', `convention ${target.id} is not in force on ${context.day}: nothing can be adopted for its term`, 'data.lastsFor.id');
  }
  return null;
}

/** A review lasted for must be recorded (at any date) and not be over before the thing starts. */
function lastsForReview(timeline: Timeline, target: Target, fact: CheckContext['fact']): RuleViolation | null {
  if (target?.kind !== 'review') return null;
  const review = timeline.reviews.get(target.id);
  if (!review) return violation({ fact }, 'review-unknown', `review ${target.id} is unknown`, 'data.lastsFor.id');
  if (review.effective.last < fact.effective.first) {
    return violation({ fact }, 'lasts-for-ended', `review ${target.id} is over (${review.effective.edtf}) before ${fact.effective.edtf}`, 'data.lastsFor.id');
  }
  return null;
}

function starting<T extends string, K extends string, D extends { name: string; lastsFor?: Target } & Record<K, string>>(
  type: T,
  label: string,
  kind: LastingKind,
  key: K,
  data: FactDefinition<T, D>['data'],
  things: (timeline: Timeline) => Map<string, LastingT<D>>,
): FactDefinition<T, D> {
  return {
    type,
    family: 'fact',
    data,
    label,
    summary: (d) => d.name,
    identity: { key, kind, creates: true },
    check: (d, context) => unique(context, things(context.timeline), d[key], kind) ?? lastsForConvention(context, d.lastsFor),
    checkComplete: (d, timeline, fact) => lastsForReview(timeline, d.lastsFor, fact),
    evolve(d, timeline, fact) {
      things(timeline).set(d[key], { ...provenance(fact), id: d[key], data: d, attestations: [] });
    },
    affects: (d) => [{ kind, id: d[key] }],
  };
}

function ending<T extends string, K extends string, D extends Record<K, string>>(
  type: T,
  label: string,
  kind: LastingKind,
  key: K,
  data: FactDefinition<T, D>['data'],
  things: (timeline: Timeline) => Map<string, LastingT<{ lastsFor?: Target }>>,
): FactDefinition<T, D> {
  return {
    type,
    family: 'fact',
    data,
    label,
    summary: (d, context) => context.nameOf(kind as ItemKind, d[key]),
    identity: { key, kind, creates: false },
    check: (d, context) => stillActive(context, things(context.timeline), d[key], kind),
    evolve: (d, timeline, fact, day) => endLasting(things(timeline).get(d[key]), fact, day),
    affects: (d) => [{ kind, id: d[key] }],
  };
}

const missionData = object(
  { missionId: id(), name: name(), domains: array(oneOf(MISSION_DOMAINS), { min: 1, max: 3 }), description: optionalText(4000), lastsFor: lastsFor() },
  { title: 'SupportMissionLaunchedData' },
);
export type SupportMissionLaunchedData = Infer<typeof missionData>;
const missionEndData = object({ missionId: id() }, { title: 'SupportMissionEndedData' });

export const SupportMissionLaunched = starting('SupportMissionLaunched', 'Mission d’appui lancée', 'mission', 'missionId', missionData, (t) => t.missions);
export const SupportMissionEnded = ending('SupportMissionEnded', 'Fin de mission d’appui', 'mission', 'missionId', missionEndData, (t) => t.missions);

const instrumentData = object(
  {
    instrumentId: id(),
    name: name(),
    kind: oneOf(INSTRUMENT_KINDS),
    description: optionalText(4000),
    figures: optional(record(scalar(), { maxKeys: 50, description: 'Figures kept as data, e.g. { "ceilingPercent": 112 }' })),
    lastsFor: lastsFor(),
  },
  { title: 'InstrumentAdoptedData' },
);
export type InstrumentAdoptedData = Infer<typeof instrumentData>;
const instrumentEndData = object({ instrumentId: id() }, { title: 'InstrumentRepealedData' });

export const InstrumentAdopted = starting('InstrumentAdopted', 'Instrument adopté', 'instrument', 'instrumentId', instrumentData, (t) => t.instruments);
export const InstrumentRepealed = ending('InstrumentRepealed', 'Instrument abrogé', 'instrument', 'instrumentId', instrumentEndData, (t) => t.instruments);

const bodyData = object(
  { bodyId: id(), name: name(), kind: oneOf(BODY_KINDS), description: optionalText(4000), lastsFor: lastsFor() },
  { title: 'BodyCreatedData' },
);
export type BodyCreatedData = Infer<typeof bodyData>;
const bodyEndData = object({ bodyId: id() }, { title: 'BodyDissolvedData' });

export const BodyCreated = starting('BodyCreated', 'Instance créée', 'body', 'bodyId', bodyData, (t) => t.bodies);
export const BodyDissolved = ending('BodyDissolved', 'Instance dissoute', 'body', 'bodyId', bodyEndData, (t) => t.bodies);
