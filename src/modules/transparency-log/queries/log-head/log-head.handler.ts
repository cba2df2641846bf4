import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from '../../../../infrastructure/transparency-log/transparency-log.port.js';
import type { SignedTreeHead } from '../../domain/signed-tree-head.js';
import { LogHeadQuery } from './log-head.query.js';

@QueryHandler(LogHeadQuery)
export class LogHeadHandler implements IQueryHandler<LogHeadQuery> {
  constructor(@Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLogPort) {}

  execute(): Promise<SignedTreeHead> {
    return this.log.head();
  }
}
