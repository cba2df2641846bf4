import { Command } from '@nestjs/cqrs';
import type { Role } from '../../../../platform/auth/token-registry.js';
import type { CheckResult, EventToRecord, RecordResult } from '../../write-path/event-recorder.js';

export interface RecordEventsProps {
  frameworkId: string;
  /** Validated events, recorded together (all or none). */
  events: EventToRecord[];
  /** Who records them: the owner of the token, an operator of the store, or the seed. */
  actor: string;
  /** Corrections and retractions need the admin role. */
  role: Role;
  idempotencyKey?: string;
  expectedRevision?: number;
  /** Check and decide everything, append nothing: answers what the events would change. */
  dryRun?: boolean;
}

export type RecordEventsResult = ({ dryRun: false } & RecordResult) | ({ dryRun: true } & CheckResult);

/** Record governance events in a framework — the command of every write (HTTP, command line, import, seed). */
export class RecordEventsCommand extends Command<RecordEventsResult> {
  constructor(readonly props: RecordEventsProps) {
    super();
  }
}
