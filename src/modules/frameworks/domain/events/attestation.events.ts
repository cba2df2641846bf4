import { object, oneOf, type Infer } from '../../../../libs/schema/schema.js';
import { provenance, violation } from '../timeline/rule-helpers.js';
import { lastingInForce } from '../timeline/time-queries.js';
import type { Timeline } from '../timeline/timeline.types.js';
import type { FactDefinition } from './event-definition.js';
import { ATTESTABLE_KINDS, id, optionalText, type AttestableKind } from './common.schema.js';

/**
 * A source attests that a mission, an instrument or a body was there during a period (the fact's
 * effective date): « grâce à la mission d’appui technique » over 2008 – 2010. It adds nothing to
 * the state; it is what lets an answer say `stated` or `inferred` rather than `presumed` on a day
 * long after the thing began (see docs/evidence.md).
 */

const attestedData = object(
  {
    about: object({ kind: oneOf(ATTESTABLE_KINDS), id: id('mission-sociale') }, { title: 'AttestedItem' }),
    description: optionalText(4000),
  },
  { title: 'ItemAttestedData', description: 'The item a source shows in force over the effective date of the fact' },
);
export type ItemAttestedData = Infer<typeof attestedData>;

const thingsOf = (timeline: Timeline, kind: AttestableKind) => ({ mission: timeline.missions, instrument: timeline.instruments, body: timeline.bodies })[kind];

export const ItemAttested: FactDefinition<'ItemAttested', ItemAttestedData> = {
  type: 'ItemAttested',
  family: 'fact',
  data: attestedData,
  label: 'Existence attestée',
  summary: (d, context) => `${context.nameOf(d.about.kind, d.about.id)}${d.description ? ` : ${d.description}` : ''}`,
  // An attestation has no identity of its own: it may be corrected to be about another item.
  identity: { key: null, kind: 'framework', creates: false },
  check(d, context) {
    const { kind, id: itemId } = d.about;
    const thing = thingsOf(context.timeline, kind).get(itemId);
    if (!thing) {
      return context.created.has(`${kind}:${itemId}`)
        ? violation(context, 'attested-item-not-active', `${kind} ${itemId} does not exist yet on ${context.day}`, 'effectiveDate')
        : violation(context, `${kind}-unknown`, `${kind} ${itemId} is unknown`, 'data.about.id');
    }
    if (!lastingInForce(context.timeline, thing, context.day)) {
      return violation(context, 'attested-item-not-active', `${kind} ${itemId} is not in force on ${context.day}`, 'effectiveDate');
    }
    return null;
  },
  evolve(d, timeline, fact) {
    thingsOf(timeline, d.about.kind).get(d.about.id)?.attestations.push(provenance(fact));
  },
  affects: (d) => [{ kind: d.about.kind, id: d.about.id }],
};
