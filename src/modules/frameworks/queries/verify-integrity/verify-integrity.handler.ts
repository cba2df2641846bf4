import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type IntegrityReport } from '../../../../infrastructure/event-store/event-store.port.js';
import { VerifyIntegrityQuery } from './verify-integrity.query.js';

@QueryHandler(VerifyIntegrityQuery)
export class VerifyIntegrityHandler implements IQueryHandler<VerifyIntegrityQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute(): Promise<IntegrityReport & { verifiedAt: string }> {
    return { ...(await this.events.verify()), verifiedAt: new Date().toISOString() };
  }
}
