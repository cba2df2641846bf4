/**
 * What the timeline shows, lane by lane: the conventions (initial term, renewals, extensions, open
 * term), each signatory, mission, instrument and body, then each milestone, review and contradiction
 * on a lane of its own (so that marks of the same date are never stacked without a name). Each
 * target carries its full French label: read aloud, and shown under the picture when chosen.
 */
import type { ConventionView } from './api-types.js';
import { addDays, dateLabel, edtfBounds, frDay, minDay, numDay } from './dates.js';
import { KIND_OF, TERM_CHANGE } from './labels.js';
import type { ModelItem, ModelRun, TimelineModel } from './store.js';

export type Shape = 'bar' | 'diamond' | 'circle';

export interface Target {
  kind: string;
  id: string;
  shape: Shape;
  /** Classes of the target (its colour and pattern). */
  cls: string;
  /** First and last day drawn (a mark: one day). */
  from: string;
  to: string;
  /** The day shown when the target is chosen. */
  date: string;
  label: string;
  /** A short text drawn in the bar when it fits. */
  text?: string;
  segment?: string;
  approximateStart?: boolean;
}
export interface Lane {
  label: string;
  targets: Target[];
}
export interface LaneGroup {
  key: string;
  label: string;
  lanes: Lane[];
}

const GROUPS = [
  { key: 'conventions', label: 'Conventions' },
  { key: 'parties', label: 'Signataires' },
  { key: 'missions', label: 'Missions d’appui' },
  { key: 'instruments', label: 'Instruments' },
  { key: 'bodies', label: 'Instances' },
  { key: 'marks', label: 'Jalons, bilans et contradictions' },
] as const;
const MARK_KEYS = ['milestones', 'reviews', 'conflicts'];
const MARK_LABEL: Record<string, string> = { milestones: 'Jalon', reviews: 'Bilan ou évaluation', conflicts: 'Contradiction des sources' };

const period = (from: string, to: string, open: boolean) => `du ${frDay(from)}${open ? ', sans fin connue' : ` au ${frDay(to)}`}`;
const byDay = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Segment {
  kind: 'term' | 'open' | 'extension' | 'renewal';
  from: string;
  to: string;
}
/** A convention's run cut into its initial term, each renewal or extension, and an open term. */
export function conventionSegments(run: ModelRun, axisEndDay: string): Segment[] {
  const v = run.last as ConventionView;
  const stop = run.to || axisEndDay;
  const original = v.originalEnd ? edtfBounds(v.originalEnd) : null;
  if (!original || !original.last) return [{ kind: 'open', from: run.from, to: stop }];
  const segments: Segment[] = [{ kind: 'term', from: run.from, to: minDay(original.last, stop) }];
  let previousEnd = original.last;
  for (const tc of v.termChanges ?? []) {
    const b = edtfBounds(tc.newEnd);
    if (!b || !b.last || previousEnd >= stop || b.last <= previousEnd) continue;
    segments.push({ kind: tc.kind, from: addDays(previousEnd, 1), to: minDay(b.last, stop) });
    previousEnd = b.last;
  }
  if (previousEnd < stop) segments.push({ kind: 'open', from: addDays(previousEnd, 1), to: stop });
  return segments;
}

function conventionLanes(items: ModelItem[], axisEndDay: string): Lane[] {
  const rows: { end: string; targets: Target[] }[] = [];
  const runs = items.flatMap((item) => item.runs.map((run) => ({ item, run }))).sort((a, b) => byDay(a.run.from, b.run.from));
  for (const { item, run } of runs) {
    const stop = run.to || axisEndDay;
    let row = rows.find((r) => r.end < run.from);
    if (!row) rows.push((row = { end: stop, targets: [] }));
    row.end = stop;
    const v = run.last as ConventionView;
    const year = (v.startEdtf || v.start || '').slice(0, 4);
    conventionSegments(run, axisEndDay).forEach((seg, i) => {
      const what = seg.kind === 'term' ? 'terme initial' : seg.kind === 'open' ? 'sans terme fixé' : (TERM_CHANGE[seg.kind] || seg.kind).toLowerCase();
      const approximate = i === 0 && v.approximate;
      row!.targets.push({
        kind: 'convention',
        id: item.id,
        shape: 'bar',
        cls: `bar-${seg.kind}`,
        from: seg.from,
        to: seg.to,
        date: seg.from,
        segment: seg.kind,
        approximateStart: approximate,
        label:
          `${item.name} (${what}) : ${period(seg.from, seg.to, seg.kind === 'open' && !run.to)}` +
          (approximate ? ` ; début approximatif (${dateLabel(v.startEdtf)})` : ''),
        text: i === 0 ? (v.originalEnd ? `${year}–${String(v.originalEnd).slice(0, 4)}` : year) : seg.from.slice(0, 4),
      });
    });
  }
  return rows.map((row, i) => ({ label: i === 0 ? (rows.length > 1 ? 'Conventions cadres' : 'Convention cadre') : '', targets: row.targets }));
}

function itemLane(key: string, item: ModelItem, axisEndDay: string): Lane {
  const kind = KIND_OF[item.key];
  return {
    label: item.name,
    targets: item.runs.map((run) => {
      const stop = run.to || axisEndDay;
      const role = key === 'parties' ? 'signataire ' : '';
      return {
        kind,
        id: item.id,
        shape: 'bar' as const,
        cls: `bar-${kind}`,
        from: run.from,
        to: stop,
        date: run.from,
        approximateStart: run.first.approximate,
        label: `${item.name} : ${role}${period(run.from, stop, !run.to)}${run.first.approximate ? ` ; début approximatif (${dateLabel(run.first.sinceEdtf)})` : ''}`,
      };
    }),
  };
}

function markLane(item: ModelItem): Lane | null {
  const first = item.runs[0];
  if (!first) return null;
  const day = first.first.since || first.from;
  const when = first.first.approximate ? `${dateLabel(first.first.sinceEdtf)} (approximatif)` : frDay(day);
  const kind = KIND_OF[item.key];
  return {
    label: item.name,
    targets: [
      {
        kind,
        id: item.id,
        shape: item.key === 'reviews' ? 'circle' : 'diamond',
        cls: `mark mark-${kind}`,
        from: day,
        to: day,
        date: day,
        label: `${MARK_LABEL[item.key]} : ${item.name}, ${when}`,
      },
    ],
  };
}

export function timelineLanes(model: TimelineModel): LaneGroup[] {
  const axisEndDay = numDay(model.axisMax);
  const groups: LaneGroup[] = [];
  for (const group of GROUPS) {
    const items = model.items.filter((it) => (group.key === 'marks' ? MARK_KEYS.includes(it.key) : it.key === group.key));
    if (!items.length) continue;
    const firstDay = (it: ModelItem) => it.runs[0]?.first.since || it.runs[0]?.from || '';
    items.sort((a, b) => byDay(firstDay(a), firstDay(b)) || a.name.localeCompare(b.name, 'fr'));
    const lanes =
      group.key === 'conventions'
        ? conventionLanes(items, axisEndDay)
        : group.key === 'marks'
          ? items.map(markLane).filter((lane): lane is Lane => lane !== null)
          : items.map((item) => itemLane(group.key, item, axisEndDay));
    groups.push({ key: group.key, label: group.label, lanes });
  }
  return groups;
}
