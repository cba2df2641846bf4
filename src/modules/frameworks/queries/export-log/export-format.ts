import type { StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { frameworkIdOf, streamIdOf } from '../../../../infrastructure/event-store/framework-stream.js';

/**
 * One line of an export: an event of the log with everything needed to restore it.
 * `recordedAt`/`recordedBy` are this store's; `original` is set when the event was itself
 * imported (when and by whom it was first recorded); `metadata` holds the rest of the stored
 * metadata (idempotency key and request hash, seed key...), so that nothing is lost.
 * A lossless line (the JSON Lines export) also carries the event's `position` in the global log
 * and its `storedMetadata` exactly as stored, key order included: `restore` rebuilds the very
 * records, hence the same hash chains. `import` ignores both (it appends anew).
 */
export interface ExportLine {
  frameworkId: string;
  eventId: string;
  revision: number;
  type: string;
  effectiveDate: string;
  data: Record<string, unknown>;
  source: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
  original?: { recordedAt: string; recordedBy: string };
  metadata?: Record<string, unknown>;
  position?: number;
  storedMetadata?: Record<string, unknown>;
}

export const EXPORT_LINE_KEYS = [
  'frameworkId',
  'eventId',
  'revision',
  'type',
  'effectiveDate',
  'data',
  'source',
  'recordedAt',
  'recordedBy',
  'original',
  'metadata',
  'position',
  'storedMetadata',
] as const;

/** Metadata keys the export line carries in its own fields (recordedBy, original). */
export const LINE_METADATA_KEYS = new Set(['actor', 'original']);
/** Metadata keys the import sets itself (whatever the line's metadata says). */
export const IMPORT_METADATA_KEYS = new Set(['actor', 'original', 'importedBy']);

/**
 * The export line of a stored event, or null for an event that is not in a framework stream.
 * `lossless`: with the position and the stored metadata (what `restore` needs).
 */
export function toExportLine(stored: StoredEvent, options: { lossless?: boolean } = {}): ExportLine | null {
  const frameworkId = frameworkIdOf(stored.streamId);
  if (frameworkId === null) return null;
  const body = stored.data as { effectiveDate: string; data: Record<string, unknown>; source: Record<string, unknown> };
  const metadata = stored.metadata as Record<string, unknown>;
  const rest = Object.fromEntries(Object.entries(metadata).filter(([key]) => !LINE_METADATA_KEYS.has(key)));
  const original = metadata.original as ExportLine['original'] | undefined;
  return {
    frameworkId,
    eventId: stored.eventId,
    revision: stored.revision,
    type: stored.type,
    effectiveDate: body.effectiveDate,
    data: body.data,
    source: body.source,
    recordedAt: stored.recordedAt,
    recordedBy: String(metadata.actor ?? 'unknown'),
    ...(original ? { original } : {}),
    ...(Object.keys(rest).length > 0 ? { metadata: rest } : {}),
    ...(options.lossless ? { position: stored.position, storedMetadata: metadata } : {}),
  };
}

/**
 * The stored event an export line describes (for `restore`): the body as the store keeps it
 * (`{ effectiveDate, data, source }`) and the metadata as stored — from `storedMetadata`, or,
 * for lines of older exports without it, rebuilt from recordedBy, metadata and original (same
 * content; the key order, hence the hash, may differ for events that were themselves imported).
 */
export function fromExportLine(line: ExportLine, position: number): StoredEvent {
  const metadata = line.storedMetadata ?? {
    actor: line.recordedBy,
    ...Object.fromEntries(Object.entries(line.metadata ?? {}).filter(([key]) => !LINE_METADATA_KEYS.has(key))),
    ...(line.original ? { original: line.original } : {}),
  };
  return {
    eventId: line.eventId.toLowerCase(),
    streamId: streamIdOf(line.frameworkId),
    type: line.type,
    revision: line.revision,
    position,
    recordedAt: line.recordedAt,
    data: { effectiveDate: line.effectiveDate, data: line.data, source: line.source },
    metadata,
  };
}

export const CSV_COLUMNS = ['frameworkId', 'eventId', 'revision', 'type', 'effectiveDate', 'data', 'source', 'recordedAt', 'recordedBy'] as const;

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record (CRLF-terminated, as RFC 4180 says); data and source as JSON. */
export function csvRecord(values: string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvRecord([...CSV_COLUMNS]);
}

export function toCsvRecord(line: ExportLine): string {
  return csvRecord(
    CSV_COLUMNS.map((column) => {
      const value = line[column];
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }),
  );
}
