import { Query } from '@nestjs/cqrs';
import type { HistoryAnswer } from './history.answer.js';

export type { AuditEntry, HistoryAnswer } from './history.answer.js';

export interface HistoryFilter {
  actor?: string;
  type?: string;
  /** Recorded at or after this instant. */
  since?: string;
  /** Recorded at or before this instant. */
  until?: string;
}

/** The audit log of a framework in recorded order. */
export class HistoryQuery extends Query<HistoryAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly filter: HistoryFilter = {},
  ) {
    super();
  }
}
