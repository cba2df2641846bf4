import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from '../../../../infrastructure/transparency-log/transparency-log.port.js';
import { LogKeyQuery, type LogKeyAnswer } from './log-key.query.js';

@QueryHandler(LogKeyQuery)
export class LogKeyHandler implements IQueryHandler<LogKeyQuery> {
  constructor(@Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLogPort) {}

  async execute(): Promise<LogKeyAnswer> {
    return { publicKeyPem: this.log.publicKeyPem, keyId: this.log.keyId, algorithm: 'Ed25519' };
  }
}
