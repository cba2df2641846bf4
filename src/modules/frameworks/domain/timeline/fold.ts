import { factDefinitionOf } from '../events/event-catalogue.js';
import type { Fact } from '../facts/known-facts.js';
import { factDay, inEffectiveOrder } from './time-queries.js';
import { emptyTimeline, type Timeline } from './timeline.types.js';

/** Folds one fact into the timeline, in place (total: a fact that does not apply changes nothing). */
export function evolveTimeline(timeline: Timeline, fact: Fact): Timeline {
  factDefinitionOf(fact.type)?.evolve(fact.data, timeline, fact, factDay(fact));
  return timeline;
}

/** Folds facts in effective order, without checking rules. */
export function buildTimeline(facts: readonly Fact[]): Timeline {
  return inEffectiveOrder(facts).reduce(evolveTimeline, emptyTimeline());
}
