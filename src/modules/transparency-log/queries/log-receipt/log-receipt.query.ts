import { Query } from '@nestjs/cqrs';
import type { Receipt } from '../../domain/receipt.js';

/** The receipt of the event at `position`, under the latest signed head. */
export class LogReceiptQuery extends Query<Receipt> {
  constructor(readonly position: number) {
    super();
  }
}
