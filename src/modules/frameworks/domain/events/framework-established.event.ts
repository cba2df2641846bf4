import { object, type Infer } from '../../../../libs/schema/schema.js';
import type { FactDefinition } from './event-definition.js';
import { name, optionalText } from './common.schema.js';
import { provenance, violation } from '../timeline/rule-helpers.js';

const data = object({ name: name(), description: optionalText(4000), territory: optionalText(300) }, { title: 'FrameworkEstablishedData' });
export type FrameworkEstablishedData = Infer<typeof data>;

/** The first fact of every framework: nothing may be dated before it. */
export const FrameworkEstablished: FactDefinition<'FrameworkEstablished', FrameworkEstablishedData> = {
  type: 'FrameworkEstablished',
  family: 'fact',
  data,
  label: 'Création du dispositif',
  summary: (d) => d.name,
  identity: { key: null, kind: 'framework', creates: true },
  check: (_d, context) =>
    context.timeline.established ? violation(context, 'framework-already-established', 'the framework is already established') : null,
  evolve: (d, timeline, fact) => {
    timeline.established = { ...provenance(fact), ...d };
  },
  affects: () => [],
};
