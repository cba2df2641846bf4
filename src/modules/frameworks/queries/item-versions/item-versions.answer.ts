import type { ItemHistory } from '../../domain/state/item-versions.js';

/** The answer of `GET /api/frameworks/{id}/items` (plain types: the web client imports them too). */
export interface ItemVersionsAnswer {
  frameworkId: string;
  knownAt: string | null;
  /** The framework's revision the answer was made on. */
  revision: number;
  /** Every item the record knows of, with its versions in effective order. */
  items: ItemHistory[];
}
