import { Query } from '@nestjs/cqrs';
import type { ItemVersionsAnswer } from './item-versions.answer.js';

export type { ItemVersionsAnswer } from './item-versions.answer.js';

/** Every item's versions over effective time, as the record stood at `knownAt` (default: now). */
export class ItemVersionsQuery extends Query<ItemVersionsAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly knownAt?: string,
  ) {
    super();
  }
}
