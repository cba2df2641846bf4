import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from '../../../../infrastructure/transparency-log/transparency-log.port.js';
import type { Receipt } from '../../domain/receipt.js';
import { NoLogEntry } from '../log-params.js';
import { LogReceiptQuery } from './log-receipt.query.js';

@QueryHandler(LogReceiptQuery)
export class LogReceiptHandler implements IQueryHandler<LogReceiptQuery> {
  constructor(@Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLogPort) {}

  async execute({ position }: LogReceiptQuery): Promise<Receipt> {
    const receipt = await this.log.receipt(position);
    if (receipt === null) throw new NoLogEntry(position);
    return receipt;
  }
}
