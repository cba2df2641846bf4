import { ItemAttested } from './attestation.events.js';
import { ConventionEnded, ConventionExtended, ConventionRenewed, ConventionSigned } from './convention.events.js';
import { FactCorrected, FactRetracted } from './correction.events.js';
import type { CorrectionDefinition, EventDefinition, FactDefinition } from './event-definition.js';
import { FrameworkEstablished } from './framework-established.event.js';
import {
  BodyCreated,
  BodyDissolved,
  InstrumentAdopted,
  InstrumentRepealed,
  SupportMissionEnded,
  SupportMissionLaunched,
} from './lasting-items.events.js';
import { PartyJoined, PartyWithdrew } from './party.events.js';
import { MilestoneNoted, ReviewConducted, SourceConflictNoted } from './record-keeping.events.js';

/**
 * The event vocabulary of a governance framework: every event type and its definition.
 * Adding an event type: write its definition (next to its family's), name it in EVENT_TYPES and
 * in CATALOGUE. A type named in EVENT_TYPES without a definition fails the type check.
 */
export const EVENT_TYPES = [
  'FrameworkEstablished',
  'ConventionSigned',
  'ConventionExtended',
  'ConventionRenewed',
  'ConventionEnded',
  'PartyJoined',
  'PartyWithdrew',
  'SupportMissionLaunched',
  'SupportMissionEnded',
  'InstrumentAdopted',
  'InstrumentRepealed',
  'BodyCreated',
  'BodyDissolved',
  'ReviewConducted',
  'MilestoneNoted',
  'ItemAttested',
  'SourceConflictNoted',
  'FactCorrected',
  'FactRetracted',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Every event type has exactly one definition (an event type without one is a type error). */
export type Catalogue = { readonly [T in EventType]: EventDefinition<T, any> };

export const CATALOGUE = {
  FrameworkEstablished,
  ConventionSigned,
  ConventionExtended,
  ConventionRenewed,
  ConventionEnded,
  PartyJoined,
  PartyWithdrew,
  SupportMissionLaunched,
  SupportMissionEnded,
  InstrumentAdopted,
  InstrumentRepealed,
  BodyCreated,
  BodyDissolved,
  ReviewConducted,
  MilestoneNoted,
  ItemAttested,
  SourceConflictNoted,
  FactCorrected,
  FactRetracted,
} as const satisfies Catalogue;

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(CATALOGUE, value);
}

/** The definition of an event type (its data typed loosely: the caller has validated it). */
export function definitionOf(type: EventType): EventDefinition<EventType, any> {
  return CATALOGUE[type];
}

/** The definition of a fact type, or null for a correction or a retraction. */
export function factDefinitionOf(type: EventType): FactDefinition<EventType, any> | null {
  const definition = CATALOGUE[type] as EventDefinition<EventType, any>;
  return definition.family === 'fact' ? definition : null;
}

export type CorrectionType = { [T in EventType]: (typeof CATALOGUE)[T] extends CorrectionDefinition<T, any> ? T : never }[EventType];
