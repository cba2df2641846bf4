import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { toExportLine } from '../../../frameworks/queries/export-log/export-format.js';
import type { ExportEntry } from '../audit/export-leaves.js';
import type { ReceiptEntry } from '../audit/log-audit.js';
import type { Receipt } from '../receipt.js';
import { TransparencyLog } from '../transparency-log.js';
import { InMemoryTreeNodeStore } from '../tree-node-store.js';

/** Generated logs, the receipts a partner would have kept, and their exports, for the audit's tests. */

const FRAMEWORKS = ['cccs13', 'cccs84', 'cccs06'];
const ACTORS = ['secretariat', 'caf13', 'region-sud', 'departement13'];

/** The event at `position` of a generated log (positions 1, 2, 3…; one stream per framework). */
export function generatedEvent(position: number, salt = ''): StoredEvent {
  const framework = FRAMEWORKS[position % FRAMEWORKS.length];
  return {
    position,
    eventId: `00000000-0000-4000-8${salt ? '1' : '0'}00-${String(position).padStart(12, '0')}`,
    streamId: `framework-${framework}`,
    revision: Math.floor((position - 1) / FRAMEWORKS.length),
    type: 'MilestoneNoted',
    recordedAt: new Date(Date.UTC(2026, 0, 1) + position * 60_000).toISOString(),
    data: {
      effectiveDate: `${1990 + (position % 30)}`,
      data: { milestoneId: `m-${position}${salt}`, name: `Comité de pilotage n° ${position}${salt}` },
      source: { document: `Compte rendu ${position}`, passage: `séance ${position}`, confidence: 'stated' },
    },
    metadata: { actor: ACTORS[position % ACTORS.length], requestHash: `h${position}`, correlationId: `c${position}` },
  };
}

export function generatedLog(count: number, salt = ''): StoredEvent[] {
  return Array.from({ length: count }, (_, i) => generatedEvent(i + 1, salt));
}

/**
 * Appends the events as the service would (groups of `groupSize`, one signed head per group)
 * and returns every receipt issued, in order.
 */
export function receiptsOf(events: readonly StoredEvent[], signingKey: KeyObject, groupSize = 1): Receipt[] {
  let tick = Date.UTC(2026, 5, 1);
  const log = new TransparencyLog(new InMemoryTreeNodeStore(), signingKey, () => new Date((tick += 1000)));
  const receipts: Receipt[] = [];
  for (let i = 0; i < events.length; i += groupSize) {
    const leaves = log.record(events.slice(i, i + groupSize));
    receipts.push(...log.receipts(leaves, log.signHead()));
  }
  return receipts;
}

/** The lossless export of the events, as `governance export` writes it and the audit reads it back. */
export function exportOf(events: readonly StoredEvent[]): ExportEntry[] {
  return events.map((event, i) => ({ label: `export line ${i + 1}`, value: JSON.parse(JSON.stringify(toExportLine(event, { lossless: true }))) }));
}

export function receiptEntries(receipts: readonly Receipt[]): ReceiptEntry[] {
  return receipts.map((receipt, i) => ({ label: `receipt line ${i + 1}`, value: JSON.parse(JSON.stringify(receipt)) }));
}
