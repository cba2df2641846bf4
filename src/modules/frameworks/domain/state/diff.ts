import { KIND_OF_KEY, STATE_KINDS, type ItemKind } from './item-kinds.js';
import type { ItemView } from './item-views.js';
import type { StateView } from './state-at.js';

export interface DiffEntry {
  kind: ItemKind;
  id: string;
  name: string;
}

export interface Change extends DiffEntry {
  fields: { field: string; before: unknown; after: unknown }[];
}

export interface StateDiff {
  /** In force (or existing) on `to` but not on `from`. */
  cameIntoForce: (DiffEntry & { since: string; approximate: boolean })[];
  /** In force on `from` but not on `to`. */
  ended: DiffEntry[];
  /** In force on both dates, with different terms (end, parties, figures...). */
  changed: Change[];
}

const IGNORED = new Set(['eventId', 'source']);

export function diffStates(before: StateView, after: StateView): StateDiff {
  const diff: StateDiff = { cameIntoForce: [], ended: [], changed: [] };
  for (const key of STATE_KINDS) {
    const kind = KIND_OF_KEY[key];
    const old = new Map((before[key] as ItemView[]).map((item) => [item.id, item]));
    const now = new Map((after[key] as ItemView[]).map((item) => [item.id, item]));
    for (const [id, item] of now) {
      const was = old.get(id);
      if (!was) {
        diff.cameIntoForce.push({ kind, id, name: item.name, since: item.since, approximate: item.approximate });
        continue;
      }
      const fields = [...new Set([...Object.keys(was), ...Object.keys(item)])]
        .filter((field) => !IGNORED.has(field) && JSON.stringify(was[field]) !== JSON.stringify(item[field]))
        .map((field) => ({ field, before: was[field] ?? null, after: item[field] ?? null }));
      if (fields.length > 0) diff.changed.push({ kind, id, name: item.name, fields });
    }
    for (const [id, item] of old) if (!now.has(id)) diff.ended.push({ kind, id, name: item.name });
  }
  return diff;
}
