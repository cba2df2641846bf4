import { array, object, oneOf, optional, record, scalar, type Infer } from '../../../../libs/schema/schema.js';
import type { ItemKind } from '../state/item-kinds.js';
import { endLasting, provenance, stillActive, unique } from '../timeline/rule-helpers.js';
import type { LastingT, Timeline } from '../timeline/timeline.types.js';
import type { FactDefinition } from './event-definition.js';
import { BODY_KINDS, id, INSTRUMENT_KINDS, MISSION_DOMAINS, name, optionalText } from './common.schema.js';

/**
 * Things that exist from a date until they are ended: support missions (launched, ended),
 * instruments (adopted, repealed) and bodies (created, dissolved). Each pair is built the same way.
 */

type LastingKind = 'mission' | 'instrument' | 'body';

function starting<T extends string, K extends string, D extends { name: string } & Record<K, string>>(
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
    check: (d, context) => unique(context, things(context.timeline), d[key], kind),
    evolve(d, timeline, fact) {
      things(timeline).set(d[key], { ...provenance(fact), id: d[key], data: d });
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
  things: (timeline: Timeline) => Map<string, LastingT<unknown>>,
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
  { missionId: id(), name: name(), domains: array(oneOf(MISSION_DOMAINS), { min: 1, max: 3 }), description: optionalText(4000) },
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
  },
  { title: 'InstrumentAdoptedData' },
);
export type InstrumentAdoptedData = Infer<typeof instrumentData>;
const instrumentEndData = object({ instrumentId: id() }, { title: 'InstrumentRepealedData' });

export const InstrumentAdopted = starting('InstrumentAdopted', 'Instrument adopté', 'instrument', 'instrumentId', instrumentData, (t) => t.instruments);
export const InstrumentRepealed = ending('InstrumentRepealed', 'Instrument abrogé', 'instrument', 'instrumentId', instrumentEndData, (t) => t.instruments);

const bodyData = object({ bodyId: id(), name: name(), kind: oneOf(BODY_KINDS), description: optionalText(4000) }, { title: 'BodyCreatedData' });
export type BodyCreatedData = Infer<typeof bodyData>;
const bodyEndData = object({ bodyId: id() }, { title: 'BodyDissolvedData' });

export const BodyCreated = starting('BodyCreated', 'Instance créée', 'body', 'bodyId', bodyData, (t) => t.bodies);
export const BodyDissolved = ending('BodyDissolved', 'Instance dissoute', 'body', 'bodyId', bodyEndData, (t) => t.bodies);
