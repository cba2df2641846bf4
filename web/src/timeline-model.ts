/**
 * The timeline's model: the facts of the framework, then its state sampled on every day it may
 * change (each fact's date, and the first day after each start, end or new end), so that each item
 * becomes runs of days in force with its view on each.
 */
import { api } from './api.js';
import type { ItemView, StateAnswer, TimelineAnswer } from './api-types.js';
import { addDays, addYears, dayNum, edtfBounds, isDay, maxDay, today } from './dates.js';
import { KINDS } from './labels.js';
import type { ModelItem, ModelRun, TimelineModel } from './store.js';

export function boundaryDays(timelines: TimelineAnswer[]): string[] {
  const days = new Set<string>();
  const add = (day: string | null | undefined) => {
    if (isDay(day)) days.add(day);
  };
  for (const tl of timelines) {
    for (const e of tl.events) {
      if (e.retractedBy) continue;
      add(e.from);
      for (const key of ['start', 'end', 'newEnd']) {
        const b = edtfBounds(e.data[key]);
        if (!b) continue;
        if (b.first) add(b.first);
        if (b.last) add(addDays(b.last, 1));
      }
    }
  }
  return [...days].sort();
}

export function buildModel(timelines: TimelineAnswer[], states: StateAnswer[], days: string[]): TimelineModel {
  const names: Record<string, string> = {};
  const records = new Map<string, { key: ModelItem['key']; id: string; present: boolean[]; views: ItemView[] }>();
  states.forEach((state, i) => {
    for (const key of KINDS) {
      for (const item of state[key] as ItemView[]) {
        const k = `${key}:${item.id}`;
        names[k] = item.name;
        let rec = records.get(k);
        if (!rec) {
          rec = { key, id: item.id, present: [], views: [] };
          records.set(k, rec);
        }
        rec.present[i] = true;
        rec.views[i] = item;
      }
    }
  });
  const n = days.length;
  const items: ModelItem[] = [...records.values()].map((rec) => {
    const runs: ModelRun[] = [];
    for (let i = 0; i < n; i++) {
      if (!rec.present[i]) continue;
      let j = i;
      while (j + 1 < n && rec.present[j + 1]) j++;
      runs.push({ from: days[i], to: j + 1 < n ? addDays(days[j + 1], -1) : null, first: rec.views[i], last: rec.views[j] });
      i = j;
    }
    return { key: rec.key, id: rec.id, name: rec.views.filter(Boolean).pop()!.name, runs };
  });
  const lastDay = n ? addDays(days[n - 1], -1) : today();
  let maxEvent: string | null = null;
  for (const tl of timelines) for (const e of tl.events) if (!maxEvent || e.to > maxEvent) maxEvent = e.to;
  let axisEnd = maxDay(lastDay, maxEvent ?? lastDay);
  for (const it of items) {
    if (it.key !== 'conventions') continue;
    for (const r of it.runs) {
      const end = r.last.end as string | null;
      if (end) axisEnd = maxDay(axisEnd, end);
      if (r.to === null && end === null) axisEnd = maxDay(axisEnd, today());
    }
  }
  const axisStart = n ? `${days[0].slice(0, 4)}-01-01` : addYears(today(), -10);
  axisEnd = `${axisEnd.slice(0, 4)}-12-31`;
  return {
    items,
    names,
    days,
    axisMin: dayNum(axisStart),
    axisMax: dayNum(axisEnd),
    eventCount: timelines[timelines.length - 1].events.length,
  };
}

/** Loads the facts (as known now, and at `knownAt` when given) and the states on every boundary day. */
export async function loadTimelineModel(framework: string, knownAt: string | null): Promise<TimelineModel> {
  const timelines = await Promise.all([api.timeline(framework), ...(knownAt ? [api.timeline(framework, knownAt)] : [])]);
  const days = boundaryDays(timelines);
  const states = await Promise.all(days.map((day) => api.state(framework, day, knownAt)));
  return buildModel(timelines, states, days);
}
