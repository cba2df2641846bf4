import { factDefinitionOf } from '../events/event-catalogue.js';
import type { Fact } from '../facts/known-facts.js';
import { evolveTimeline } from './fold.js';
import { violation } from './rule-helpers.js';
import { factDay, inEffectiveOrder } from './time-queries.js';
import { emptyTimeline, type RuleViolation, type Timeline } from './timeline.types.js';

/** The rule book: each fact checked against the timeline as it stood just before the fact's date. */

/** What the facts create, whatever their dates: tells "not yet, on that date" from "never". */
export function createdIds(facts: readonly Fact[]): Set<string> {
  const ids = new Set<string>();
  for (const fact of facts) {
    const identity = factDefinitionOf(fact.type)?.identity;
    if (!identity?.creates) continue;
    ids.add(identity.key === null ? identity.kind : `${identity.kind}:${fact.data[identity.key]}`);
  }
  return ids;
}

/**
 * Checks one fact against the timeline as it stood just before the fact's date.
 * `created` (from `createdIds`) lets a refusal say "not in force on that date" rather than "unknown".
 */
export function checkFact(timeline: Timeline, fact: Fact, created: ReadonlySet<string> = new Set()): RuleViolation | null {
  const definition = factDefinitionOf(fact.type)!;
  const day = factDay(fact);
  const context = { timeline, fact, day, created };
  if (fact.type !== 'FrameworkEstablished') {
    if (!timeline.established) {
      return created.has('framework')
        ? violation(context, 'before-framework-established', `${fact.effective.edtf} is before the framework was established`)
        : violation(context, 'framework-not-established', 'the framework must be established before any other fact');
    }
    if (day < timeline.established.effective.first) {
      // A convention takes its place on its start when it starts before it was signed: then the start is at fault.
      const byStart = day < fact.effective.first;
      const date = byStart ? `start ${fact.data.start}` : fact.effective.edtf;
      return violation(
        context,
        'before-framework-established',
        `${date} is before the framework was established (${timeline.established.effective.edtf})`,
        byStart ? 'data.start' : 'effectiveDate',
      );
    }
  }
  return definition.check(fact.data, context);
}

/** Rules that only make sense once every fact is placed (facts in effective order). */
export function checkComplete(timeline: Timeline, facts: readonly Fact[]): RuleViolation | null {
  for (const fact of facts) {
    const broken = factDefinitionOf(fact.type)?.checkComplete?.(fact.data, timeline, fact);
    if (broken) return broken;
  }
  return null;
}

/** Folds facts in effective order, checking every rule; stops at the first broken one. */
export function buildCheckedTimeline(facts: readonly Fact[]): { timeline: Timeline; violation: RuleViolation | null } {
  const timeline = emptyTimeline();
  const created = createdIds(facts);
  const ordered = inEffectiveOrder(facts);
  for (const fact of ordered) {
    const broken = checkFact(timeline, fact, created);
    if (broken) return { timeline, violation: broken };
    evolveTimeline(timeline, fact);
  }
  return { timeline, violation: checkComplete(timeline, ordered) };
}
