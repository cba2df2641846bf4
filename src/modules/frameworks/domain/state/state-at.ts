import type { Day } from '../dates/edtf-date.js';
import type { Timeline } from '../timeline/timeline.types.js';
import { KEY_OF_KIND, STATE_KINDS } from './item-kinds.js';
import { bySince, itemsOf, itemView, type ConventionView, type ItemView, type PartyView } from './item-views.js';

/** What the framework looked like on one day: each list holds what is in force or exists on that day. */
export interface StateView {
  conventions: ConventionView[];
  parties: PartyView[];
  missions: ItemView[];
  instruments: ItemView[];
  bodies: ItemView[];
  reviews: ItemView[];
  milestones: ItemView[];
  conflicts: ItemView[];
}

/** A state with every list empty. */
export function emptyState(): StateView {
  return Object.fromEntries(STATE_KINDS.map((key) => [key, [] as ItemView[]])) as unknown as StateView;
}

export function stateAt(timeline: Timeline, day: Day): StateView {
  const state = emptyState();
  for (const { kind, id } of itemsOf(timeline)) {
    const view = itemView(timeline, kind, id, day);
    if (view) (state[KEY_OF_KIND[kind]] as ItemView[]).push(view);
  }
  for (const key of STATE_KINDS) (state[key] as ItemView[]).sort(bySince);
  return state;
}

