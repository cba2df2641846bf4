import { Command } from '@nestjs/cqrs';
import type { Role } from '../../../../platform/auth/token-registry.js';
import type { WriteResult } from '../../write-path/framework-writer.js';

/** Append one governance event `{ type, effectiveDate, data, source }` to a framework. */
export class RecordEventCommand extends Command<WriteResult> {
  constructor(
    readonly frameworkId: string,
    /** The event body as received: validated by the handler. */
    readonly body: unknown,
    readonly actor: string,
    readonly idempotencyKey?: string,
    readonly expectedRevision?: number,
    /** Corrections and retractions need the admin role. */
    readonly role: Role = 'recorder',
  ) {
    super();
  }
}
