/**
 * The page's model of a framework, from ONE answer of the service (`/items`: every item with its
 * versions « en vigueur du … au … »): the timeline's runs, each item's versions, the days something
 * changes, and the state on any day — the version of each item in force that day, as the service
 * made it (the page only looks it up).
 */
import type { ItemHistory, ItemKind, ItemVersionsAnswer, ItemView } from './api-types.js';
import { addDays, addYears, dayNum, maxDay, today } from './dates.js';
import { KEY_OF, KINDS } from './labels.js';
import type { ModelItem, ModelRun, StateShown, TimelineModel } from './model-types.js';

/** Versions that follow each other day after day make one run. */
function runsOf(history: ItemHistory): ModelRun[] {
  const runs: ModelRun[] = [];
  let current: ModelRun | null = null;
  let openUntil: string | null = null;
  for (const version of history.versions) {
    if (current && openUntil === version.validFrom) {
      current.last = version.view;
    } else {
      current = { from: version.validFrom, to: null, first: version.view, last: version.view };
      runs.push(current);
    }
    openUntil = version.validTo;
    current.to = version.validTo === null ? null : addDays(version.validTo, -1);
  }
  return runs;
}

export function buildModel(answer: ItemVersionsAnswer): TimelineModel {
  const names: Record<string, string> = {};
  const days = new Set<string>();
  const items: ModelItem[] = answer.items.map((history) => {
    const key = KEY_OF[history.kind];
    names[`${key}:${history.id}`] = history.name;
    for (const v of history.versions) {
      days.add(v.validFrom);
      if (v.validTo) days.add(v.validTo);
    }
    return { key, kind: history.kind, id: history.id, name: history.name, versions: history.versions, runs: runsOf(history) };
  });
  const changeDays = [...days].sort();
  // The last day the record speaks of: the last day something is in force before it stops, or the last start.
  let axisEnd = today();
  const lastDays = items.flatMap((it) => it.runs.flatMap((r) => [r.from, ...(r.to ? [r.to] : [])]));
  if (lastDays.length) axisEnd = lastDays.reduce(maxDay);
  for (const it of items) {
    if (it.key !== 'conventions') continue;
    for (const r of it.runs) {
      const end = r.last.end as string | null;
      if (end) axisEnd = maxDay(axisEnd, end);
      if (r.to === null && end === null) axisEnd = maxDay(axisEnd, today());
    }
  }
  const axisStart = changeDays.length ? `${changeDays[0].slice(0, 4)}-01-01` : addYears(today(), -10);
  return {
    frameworkId: answer.frameworkId,
    knownAt: answer.knownAt,
    revision: answer.revision,
    items,
    names,
    changeDays,
    axisMin: dayNum(axisStart),
    axisMax: dayNum(`${axisEnd.slice(0, 4)}-12-31`),
  };
}

/** The order of every list of the state: by `since`, then name, then id (as the service orders them). */
export const bySince = (a: ItemView, b: ItemView): number =>
  a.since < b.since ? -1 : a.since > b.since ? 1 : a.name.localeCompare(b.name, 'fr') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The version of an item in force on `day`, if any. */
export function versionOn(item: ModelItem, day: string) {
  return item.versions.find((v) => v.validFrom <= day && (v.validTo === null || day < v.validTo));
}

/** The state on `day`: each item's version in force that day. */
export function stateOn(model: TimelineModel, day: string): StateShown {
  const state = { at: day, knownAt: model.knownAt, revision: model.revision } as StateShown;
  for (const key of KINDS) (state[key] as ItemView[]) = [];
  for (const item of model.items) {
    const version = versionOn(item, day);
    if (version) (state[item.key] as ItemView[]).push(version.view);
  }
  for (const key of KINDS) (state[key] as ItemView[]).sort(bySince);
  return state;
}

/** The day something changes just before (`-1`) or just after (`+1`) `day`, if any. */
export function nextChange(model: TimelineModel, day: string, step: -1 | 1): string | null {
  const days = model.changeDays;
  if (step > 0) return days.find((d) => d > day) ?? null;
  for (let i = days.length - 1; i >= 0; i--) if (days[i] < day) return days[i];
  return null;
}

export function findItem(model: TimelineModel, kind: ItemKind | string, id: string): ModelItem | undefined {
  return model.items.find((it) => it.kind === kind && it.id === id);
}

