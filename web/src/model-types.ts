/** The page's model of a framework (made from one answer of `/items`), as plain types. */
import type { ItemKind, ItemVersion, ItemView, StateKey, StateView } from './api-types.js';

/** One span of days an item is in force (versions that follow each other), with its view on the first and the last of them. */
export interface ModelRun {
  from: string;
  /** Last day (null: still in force at the end of the record). */
  to: string | null;
  first: ItemView;
  last: ItemView;
}
export interface ModelItem {
  key: StateKey;
  kind: ItemKind;
  id: string;
  name: string;
  versions: ItemVersion[];
  runs: ModelRun[];
}
/** Every item with its versions (one answer of `/items`), and what the page draws from it. */
export interface TimelineModel {
  frameworkId: string;
  knownAt: string | null;
  /** The framework's revision the answer was made on (If-Match of the next write). */
  revision: number;
  items: ModelItem[];
  /** `${key}:${id}` → name. */
  names: Record<string, string>;
  /** Every day something starts or stops, in order. */
  changeDays: string[];
  /** Day numbers of the axis. */
  axisMin: number;
  axisMax: number;
}
/** The state on a day, as the page shows it (made from the items' versions). */
export interface StateShown extends StateView {
  at: string;
  knownAt: string | null;
  revision: number;
}
