import { array, object, optional, text, type Infer } from '../../../../libs/schema/schema.js';
import type { SubjectKind } from '../state/item-kinds.js';
import { provenance, unique, violation } from '../timeline/rule-helpers.js';
import type { HappeningT, Timeline } from '../timeline/timeline.types.js';
import type { FactDefinition } from './event-definition.js';
import { lastingFor } from '../timeline/lasting-for.js';
import { id, name, optionalText, subjectRef } from './common.schema.js';

/** Things that happened and stay in the record: reviews (bilans, évaluations), milestones, contradictions of the sources. */

function happening<T extends string, K extends string, D extends Record<K, string>>(
  type: T,
  label: string,
  kind: 'review' | 'milestone' | 'conflict',
  key: K,
  data: FactDefinition<T, D>['data'],
  things: (timeline: Timeline) => Map<string, HappeningT<D>>,
  summary: (d: D) => string,
): FactDefinition<T, D> {
  return {
    type,
    family: 'fact',
    data,
    label,
    summary,
    identity: { key, kind, creates: true },
    check: (d, context) => unique(context, things(context.timeline), d[key], kind),
    evolve(d, timeline, fact) {
      things(timeline).set(d[key], { ...provenance(fact), id: d[key], data: d });
    },
    affects: (d) => [{ kind, id: d[key] }],
  };
}

const reviewData = object(
  { reviewId: id(), name: name(), findings: optional(array(text(4000), { max: 100 })), conductedBy: optionalText(300) },
  { title: 'ReviewConductedData' },
);
export type ReviewConductedData = Infer<typeof reviewData>;
const conducted = happening('ReviewConducted', 'Bilan ou évaluation', 'review', 'reviewId', reviewData, (t) => t.reviews, (d) => d.name);
/** A review's date bounds what was adopted for its time (`lastsFor`). */
export const ReviewConducted: FactDefinition<'ReviewConducted', ReviewConductedData> = {
  ...conducted,
  affects: (d, timeline) => [{ kind: 'review', id: d.reviewId }, ...lastingFor(timeline, 'review', d.reviewId)],
};

const milestoneData = object({ milestoneId: id(), name: name(), description: optionalText(4000) }, { title: 'MilestoneNotedData' });
export type MilestoneNotedData = Infer<typeof milestoneData>;
export const MilestoneNoted = happening('MilestoneNoted', 'Jalon', 'milestone', 'milestoneId', milestoneData, (t) => t.milestones, (d) => d.name);

const conflictData = object(
  {
    conflictId: id(),
    subject: name(),
    about: array(subjectRef, { min: 1, max: 100 }),
    accounts: array(object({ claim: text(4000), passage: text(4000) }), { min: 2, max: 50 }),
    resolution: optionalText(4000),
  },
  { title: 'SourceConflictNotedData', description: 'Two accounts in the sources disagree; both are kept, nothing is smoothed over' },
);
export type SourceConflictNotedData = Infer<typeof conflictData>;

const noted = happening('SourceConflictNoted', 'Contradiction des sources relevée', 'conflict', 'conflictId', conflictData, (t) => t.conflicts, (d) => d.subject);

/** Does the timeline know this subject (under any date)? */
function knows(timeline: Timeline, kind: SubjectKind, subjectId: string): boolean {
  const things = { party: timeline.parties, convention: timeline.conventions, mission: timeline.missions, instrument: timeline.instruments, body: timeline.bodies, review: timeline.reviews, milestone: timeline.milestones }[kind];
  return things.has(subjectId);
}

export const SourceConflictNoted: FactDefinition<'SourceConflictNoted', SourceConflictNotedData> = {
  ...noted,
  affects: (d) => [{ kind: 'conflict', id: d.conflictId }, ...d.about],
  checkComplete(d, timeline, fact) {
    const unknown = d.about.find((ref) => !knows(timeline, ref.kind, ref.id));
    return unknown
      ? violation({ fact }, 'conflict-subject-unknown', `conflict ${d.conflictId} is about unknown ${unknown.kind} ${unknown.id}`)
      : null;
  },
};
