import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../../write-path/framework-writer.js';

/** Establish a new framework (a new stream). */
export class CreateFrameworkCommand extends Command<WriteResult & { id: string; name: string }> {
  constructor(
    readonly body: unknown,
    readonly actor: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
