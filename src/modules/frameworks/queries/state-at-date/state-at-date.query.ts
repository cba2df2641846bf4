import { Query } from '@nestjs/cqrs';
import type { StateAnswer } from './state-at-date.answer.js';

export type { StateAnswer } from './state-at-date.answer.js';

/** The framework on day `at`, as the record stood at `knownAt` (default: now). */
export class StateAtDateQuery extends Query<StateAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly at: string,
    readonly knownAt?: string,
  ) {
    super();
  }
}
