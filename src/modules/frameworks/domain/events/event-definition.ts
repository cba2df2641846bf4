import type { Schema } from '../../../../libs/schema/schema.js';
import type { Day } from '../dates/edtf-date.js';
import type { Fact } from '../facts/known-facts.js';
import type { ItemKind, ItemRef } from '../state/item-kinds.js';
import type { RuleViolation, Timeline } from '../timeline/timeline.types.js';

/**
 * One event type, described once: the data it carries (validation, TypeScript type and OpenAPI
 * schema come from `data`), its names in French, and — for a fact about the world — the rules it
 * must pass, how it changes the timeline, which items it touches and which identity it keeps.
 * The catalogue (`event-catalogue.ts`) lists every definition; its type makes a missing one an error.
 */

/** What a one-line summary may look up. */
export interface SummaryContext {
  /** The item's name as the record holds it (its id when unknown). */
  nameOf(kind: ItemKind, id: string): string;
  /** An EDTF date in French words: « 31 décembre 2018 », « 2006 », « années 1980 ». */
  date(edtf: string): string;
  /** How to refer to a recorded event: « fait n° 13 ». */
  fact(eventId: string): string;
}

/** What a rule is checked against: the timeline just before the fact's day. */
export interface CheckContext {
  timeline: Timeline;
  fact: Fact;
  /** The day the fact takes its place in effective order. */
  day: Day;
  /** What the facts create, whatever their dates (`framework`, `convention:cc-2003`…): tells "not yet" from "never". */
  created: ReadonlySet<string>;
}

interface DefinitionBase<T extends string, D> {
  readonly type: T;
  readonly data: Schema<D>;
  /** The event type in French, as a heading: « Convention prorogée ». */
  readonly label: string;
  /** One line in French saying what the fact says. */
  summary(data: D, context: SummaryContext): string;
}

/** A fact about the world: it takes a place on the timeline. */
export interface FactDefinition<T extends string, D> extends DefinitionBase<T, D> {
  readonly family: 'fact';
  /**
   * The item the fact is about, by the key of its data that names it: a correction may never change
   * it. `creates`: the fact brings the item into being (`framework` for the establishment).
   */
  readonly identity: { key: (keyof D & string) | null; kind: ItemKind | 'framework'; creates: boolean };
  /** The rules, against the timeline just before the fact's day; null when the fact may take its place. */
  check(data: D, context: CheckContext): RuleViolation | null;
  /** Rules that need every fact placed (checked once the whole history is folded). */
  checkComplete?(data: D, timeline: Timeline, fact: Fact): RuleViolation | null;
  /** Folds the fact into the timeline (total: a fact that does not apply changes nothing). */
  evolve(data: D, timeline: Timeline, fact: Fact, day: Day): void;
  /** The items whose views the fact may change, once it is placed last in effective order. */
  affects(data: D, timeline: Timeline): ItemRef[];
}

/** An event about another event (a correction or a retraction): it changes what the record says. */
export interface CorrectionDefinition<T extends string, D> extends DefinitionBase<T, D> {
  readonly family: 'correction';
}

export type EventDefinition<T extends string, D> = FactDefinition<T, D> | CorrectionDefinition<T, D>;

export type DataOf<Def> = Def extends DefinitionBase<string, infer D> ? D : never;
