import type { StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { fromExportLine, type ExportLine } from '../../frameworks/queries/export-log/export-format.js';
import { canonicalJson } from './canonical-json.js';
import { hashLeaf, type Hash } from './merkle.js';

/**
 * What a leaf of the log's Merkle tree commits to: the stored event's record
 *   { position, eventId, streamId, revision, type, recordedAt, data, metadata }
 * as canonical JSON (keys sorted at every depth, no whitespace), UTF-8. Everything the store
 * keeps about the event is in it — who recorded it (metadata.actor), when (recordedAt), where
 * in the log (position) — so changing any of it changes the leaf hash.
 *
 * A partner recomputes it from a lossless export (`governance export`, JSON Lines): each line
 * carries `position` and `storedMetadata`, from which the stored record is rebuilt exactly
 * (`fromExportLine`); the key order of data and metadata does not matter (sorted here).
 */

export interface LeafRecord {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export function leafRecord(event: StoredEvent): LeafRecord {
  return {
    position: event.position,
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: event.metadata,
  };
}

/** The leaf data of a stored event: canonical JSON bytes of its record. */
export function leafData(event: StoredEvent): Buffer {
  return Buffer.from(canonicalJson(leafRecord(event)), 'utf8');
}

/** SHA-256(0x00 ‖ leafData(event)). */
export function eventLeafHash(event: StoredEvent): Hash {
  return hashLeaf(leafData(event));
}

/** An export line without what is needed to rebuild the stored record exactly. */
export class NotLosslessExportLine extends Error {}

/**
 * The stored event a lossless export line describes. Lines of a CSV export, of an export made
 * before `position`/`storedMetadata` existed, or edited by hand without them, are refused:
 * their leaf could not be recomputed exactly.
 */
export function storedEventOfExportLine(line: ExportLine): StoredEvent {
  if (!Number.isSafeInteger(line.position)) throw new NotLosslessExportLine('the line has no position (not a lossless JSON Lines export)');
  if (line.storedMetadata === null || typeof line.storedMetadata !== 'object' || Array.isArray(line.storedMetadata)) {
    throw new NotLosslessExportLine('the line has no storedMetadata (not a lossless JSON Lines export)');
  }
  return fromExportLine(line, line.position as number);
}

/** The leaf data of the event a lossless export line describes (the same bytes as `leafData` of the stored event). */
export function leafDataOfExportLine(line: ExportLine): Buffer {
  return leafData(storedEventOfExportLine(line));
}
