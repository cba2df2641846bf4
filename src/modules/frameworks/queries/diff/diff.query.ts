import { Query } from '@nestjs/cqrs';
import type { DiffAnswer } from './diff.answer.js';

export type { DiffAnswer } from './diff.answer.js';

/** What came into force, ended, or changed between two days. */
export class DiffQuery extends Query<DiffAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly from: string,
    readonly to: string,
    readonly knownAt?: string,
  ) {
    super();
  }
}
