import type { StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import type { Receipt } from '../../transparency-log/domain/receipt.js';

/** Where the receipt of the event at `position` is fetched (the transparency log's read). */
export const receiptUrlOf = (position: number) => `/api/log/receipt?position=${position}`;

/**
 * The receipt fields of a 201 for one stored event: its receipt, or, when the log's tree has not
 * included it within the wait (a follower that lags), null and where to fetch it later.
 */
export function receiptAnswer(stored: StoredEvent, receipts: readonly Receipt[] | null): { receipt: Receipt } | { receipt: null; receiptUrl: string } {
  const receipt = receipts?.find((r) => r.position === stored.position);
  return receipt ? { receipt } : { receipt: null, receiptUrl: receiptUrlOf(stored.position) };
}
