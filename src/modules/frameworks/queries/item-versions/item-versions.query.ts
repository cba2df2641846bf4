import { Query } from '@nestjs/cqrs';
import type { ItemHistory } from '../../domain/state/item-versions.js';

export interface ItemVersionsAnswer {
  frameworkId: string;
  knownAt: string | null;
  /** The framework's revision the answer was made on. */
  revision: number;
  /** Every item the record knows of, with its versions in effective order. */
  items: ItemHistory[];
}

/** Every item's versions over effective time, as the record stood at `knownAt` (default: now). */
export class ItemVersionsQuery extends Query<ItemVersionsAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly knownAt?: string,
  ) {
    super();
  }
}
