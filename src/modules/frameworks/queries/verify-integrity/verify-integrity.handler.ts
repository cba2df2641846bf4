import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../../../infrastructure/event-store/event-store.port.js';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from '../../../../infrastructure/transparency-log/transparency-log.port.js';
import { VerifyIntegrityQuery, type VerifyReport } from './verify-integrity.query.js';

@QueryHandler(VerifyIntegrityQuery)
export class VerifyIntegrityHandler implements IQueryHandler<VerifyIntegrityQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(TRANSPARENCY_LOG) private readonly transparency: TransparencyLogPort,
  ) {}

  async execute(): Promise<VerifyReport> {
    const chains = await this.events.verify();
    const tree = await this.transparency.verify();
    return {
      ...chains,
      ok: chains.ok && tree.ok,
      chainsOk: chains.ok,
      transparency: { placement: this.transparency.placement, ...tree },
      verifiedAt: new Date().toISOString(),
    };
  }
}
