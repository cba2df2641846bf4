import { nextDay, type Day } from '../dates/edtf-date.js';
import type { Confidence } from '../events/framework.events.js';

/**
 * How an answer knows that an item holds on a day (docs/evidence.md):
 * - `stated`: a source states that the item holds during a period containing the day;
 * - `inferred`: it follows from the sources by a recorded inference (parties carried over,
 *   renewal terms, a day between two periods the sources attest, nothing ending it in between);
 * - `presumed`: the day lies after the last day any source supports: nothing ended the item,
 *   nothing attests it either.
 */
export const EVIDENCE_LEVELS = ['stated', 'inferred', 'presumed'] as const;
export type Evidence = (typeof EVIDENCE_LEVELS)[number];

/** Days over which one fact supports an item, with that fact's confidence. */
export interface Support {
  from: Day;
  /** Last day supported; null: open-ended by the source's own words. */
  to: Day | null;
  confidence: Confidence;
}

/** The weaker of two confidences: what follows from an inference is inferred. */
export const weaker = (a: Confidence, b: Confidence): Confidence => (a === 'inferred' || b === 'inferred' ? 'inferred' : 'stated');

/** The support cut to the days [from, to] (null: no bound), or null when nothing is left. */
export function clamp(support: Support, from: Day, to: Day | null): Support | null {
  const start = support.from > from ? support.from : from;
  const end = support.to === null ? to : to === null || support.to < to ? support.to : to;
  if (end !== null && end < start) return null;
  return { from: start, to: end, confidence: support.confidence };
}

/** The supports cut to [from, to], with a confidence no stronger than `cap`. */
export function within(supports: readonly Support[], from: Day, to: Day | null, cap: Confidence = 'stated'): Support[] {
  const kept: Support[] = [];
  for (const support of supports) {
    const cut = clamp(support, from, to);
    if (cut) kept.push({ ...cut, confidence: weaker(cut.confidence, cap) });
  }
  return kept;
}

/** The last day the supports reach; undefined when one of them is open-ended (or there is none). */
export function attestedUntil(supports: readonly Support[]): Day | undefined {
  let last: Day | undefined;
  for (const support of supports) {
    if (support.to === null) return undefined;
    if (last === undefined || support.to > last) last = support.to;
  }
  return last;
}

/**
 * The evidence on `day`: stated when a stated support covers it, else inferred when an inferred
 * one does or when the day lies between two supports (nothing ended the item in between), else
 * presumed (after the last supported day, or before the first).
 */
export function evidenceOn(supports: readonly Support[], day: Day): Evidence {
  let covered: Confidence | null = null;
  let before = false;
  let after = false;
  for (const support of supports) {
    if (support.from > day) {
      after = true;
      continue;
    }
    if (support.to !== null && support.to < day) {
      before = true;
      continue;
    }
    if (support.confidence === 'stated') return 'stated';
    covered = 'inferred';
  }
  if (covered) return covered;
  return before && after ? 'inferred' : 'presumed';
}

/** The days on which the evidence of an item may change. */
export function supportBoundaries(supports: readonly Support[]): Day[] {
  const days: Day[] = [];
  for (const support of supports) {
    days.push(support.from);
    if (support.to !== null) days.push(nextDay(support.to));
  }
  return days;
}

/** `evidence` and `attestedUntil` of an item view (attestedUntil left out when open-ended). */
export function evidenceFields(supports: readonly Support[], day: Day): { evidence: Evidence; attestedUntil?: Day } {
  const until = attestedUntil(supports);
  return until === undefined ? { evidence: evidenceOn(supports, day) } : { evidence: evidenceOn(supports, day), attestedUntil: until };
}

/** Ranks evidence: stated before inferred before presumed. */
export const EVIDENCE_RANK: Record<Evidence, number> = { stated: 0, inferred: 1, presumed: 2 };
