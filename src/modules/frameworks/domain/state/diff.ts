import type { Day } from '../dates/edtf-date.js';
import type { Evidence } from './evidence.js';
import { KIND_OF_KEY, STATE_KINDS, type ItemKind } from './item-kinds.js';
import type { ItemView } from './item-views.js';
import type { StateView } from './state-at.js';

export interface DiffEntry {
  kind: ItemKind;
  id: string;
  name: string;
  /** How the sources support the item: on `to` for what came into force, on `from` for what ended. */
  evidence: Evidence;
  attestedUntil?: Day;
}

/**
 * Something in force on `to` and not on `from`. `since` is the first day it counts from; when the
 * source dates it only to a year or an interval (`sinceEdtf`: `2011/2014`), it is `approximate`:
 * it came into force at some day of that interval, not necessarily on `since`.
 */
export interface CameIntoForce extends DiffEntry {
  since: Day;
  sinceEdtf: string;
  approximate: boolean;
}

export interface Change {
  kind: ItemKind;
  id: string;
  name: string;
  fields: { field: string; before: unknown; after: unknown }[];
}

export interface StateDiff {
  /** In force (or existing) on `to` but not on `from`. */
  cameIntoForce: CameIntoForce[];
  /** In force on `from` but not on `to`. */
  ended: DiffEntry[];
  /** In force on both dates, with different terms (end, parties, figures, evidence...). */
  changed: Change[];
}

/** Where an item's view says which fact it quotes: a change of passage alone is not a change of the item. */
const IGNORED = new Set(['eventId', 'source']);

const evidenceOf = (item: ItemView) => (item.attestedUntil === undefined ? { evidence: item.evidence } : { evidence: item.evidence, attestedUntil: item.attestedUntil });

export function diffStates(before: StateView, after: StateView): StateDiff {
  const diff: StateDiff = { cameIntoForce: [], ended: [], changed: [] };
  for (const key of STATE_KINDS) {
    const kind = KIND_OF_KEY[key];
    const old = new Map((before[key] as ItemView[]).map((item) => [item.id, item]));
    const now = new Map((after[key] as ItemView[]).map((item) => [item.id, item]));
    for (const [id, item] of now) {
      const was = old.get(id);
      if (!was) {
        diff.cameIntoForce.push({ kind, id, name: item.name, since: item.since, sinceEdtf: item.sinceEdtf, approximate: item.approximate, ...evidenceOf(item) });
        continue;
      }
      const fields = [...new Set([...Object.keys(was), ...Object.keys(item)])]
        .filter((field) => !IGNORED.has(field) && JSON.stringify(was[field]) !== JSON.stringify(item[field]))
        .map((field) => ({ field, before: was[field] ?? null, after: item[field] ?? null }));
      if (fields.length > 0) diff.changed.push({ kind, id, name: item.name, fields });
    }
    for (const [id, item] of old) if (!now.has(id)) diff.ended.push({ kind, id, name: item.name, ...evidenceOf(item) });
  }
  return diff;
}
