import { object, type Infer } from '../../../../libs/schema/schema.js';
import { conventionInForce, membershipActive } from '../timeline/time-queries.js';
import { provenance, unknownConvention, violation } from '../timeline/rule-helpers.js';
import type { FactDefinition } from './event-definition.js';
import { id, partyRef } from './common.schema.js';
import { theConvention } from './convention.events.js';

/** A party joins a convention in force, or withdraws from it. */

const joinedData = object({ conventionId: id(), party: partyRef }, { title: 'PartyJoinedData' });
export type PartyJoinedData = Infer<typeof joinedData>;

export const PartyJoined: FactDefinition<'PartyJoined', PartyJoinedData> = {
  type: 'PartyJoined',
  family: 'fact',
  data: joinedData,
  label: 'Nouveau signataire',
  summary: (d, context) => `${d.party.name} rejoint ${theConvention(context, d.conventionId)}`,
  identity: { key: 'conventionId', kind: 'convention', creates: false },
  check(d, context) {
    const convention = context.timeline.conventions.get(d.conventionId);
    if (!convention) return unknownConvention(context, d.conventionId, 'joined');
    if (!conventionInForce(convention, context.day)) {
      return violation(context, 'convention-not-in-force', `convention ${d.conventionId} is not in force on ${context.day}`);
    }
    if (convention.memberships.some((m) => m.partyId === d.party.id && membershipActive(m, context.day))) {
      return violation(context, 'party-already-joined', `party ${d.party.id} is already bound by ${d.conventionId} on ${context.day}`);
    }
    return null;
  },
  evolve(d, timeline, fact, day) {
    if (!timeline.parties.has(d.party.id)) timeline.parties.set(d.party.id, d.party);
    timeline.conventions
      .get(d.conventionId)
      ?.memberships.push({ ...provenance(fact), partyId: d.party.id, from: day, origin: 'joined', confidence: fact.source.confidence });
  },
  affects: (d) => [
    { kind: 'convention', id: d.conventionId },
    { kind: 'party', id: d.party.id },
  ],
};

const withdrewData = object({ conventionId: id(), partyId: id() }, { title: 'PartyWithdrewData' });
export type PartyWithdrewData = Infer<typeof withdrewData>;

export const PartyWithdrew: FactDefinition<'PartyWithdrew', PartyWithdrewData> = {
  type: 'PartyWithdrew',
  family: 'fact',
  data: withdrewData,
  label: 'Retrait d’un signataire',
  summary: (d, context) => `${context.nameOf('party', d.partyId)} quitte ${theConvention(context, d.conventionId)}`,
  identity: { key: 'conventionId', kind: 'convention', creates: false },
  check(d, context) {
    const convention = context.timeline.conventions.get(d.conventionId);
    if (!convention) return unknownConvention(context, d.conventionId, 'left');
    if (!convention.memberships.some((m) => m.partyId === d.partyId && membershipActive(m, context.day))) {
      return violation(context, 'party-not-bound', `party ${d.partyId} is not bound by ${d.conventionId} on ${context.day}`);
    }
    return null;
  },
  evolve(d, timeline, fact, day) {
    const membership = timeline.conventions.get(d.conventionId)?.memberships.find((m) => m.partyId === d.partyId && membershipActive(m, day));
    if (membership) {
      membership.until = day;
      membership.withdrawal = provenance(fact);
    }
  },
  affects: (d) => [
    { kind: 'convention', id: d.conventionId },
    { kind: 'party', id: d.partyId },
  ],
};
