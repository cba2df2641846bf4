import { Command } from '@nestjs/cqrs';
import type { RecordResult } from '../../write-path/event-recorder.js';
import type { CreateFrameworkRequest } from './create-framework.request.dto.js';

export interface CreateFrameworkProps {
  request: CreateFrameworkRequest;
  actor: string;
  idempotencyKey?: string;
}

/** Establish a new framework (a new stream). */
export class CreateFrameworkCommand extends Command<RecordResult> {
  constructor(readonly props: CreateFrameworkProps) {
    super();
  }
}
