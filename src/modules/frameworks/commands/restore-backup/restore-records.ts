import { isEdtf } from '../../domain/dates/edtf-date.js';
import { isEventType } from '../../domain/events/framework.events.js';
import type { StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { ID_PATTERN } from '../../domain/events/common.schema.js';
import { EXPORT_LINE_KEYS, fromExportLine, type ExportLine } from '../../queries/export-log/export-format.js';
import type { ImportEntry, ImportRefusal } from '../import-events/import-plan.js';

/**
 * The records of a restore, read from the lines of a JSON Lines export: each line checked on
 * its own (an export line, every field of the right kind), then the whole as a log (ids unique,
 * each framework's revisions 0, 1, 2…, positions increasing, recordedAt never decreasing).
 * Every line at fault is named; the store is given the records only when none is.
 *
 * The event bodies are not validated again against today's rules: a backup restores what was
 * recorded, as it was recorded (the hash chains prove it is the same).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEYS = new Set<string>(EXPORT_LINE_KEYS);
const REQUIRED = ['frameworkId', 'eventId', 'revision', 'type', 'effectiveDate', 'data', 'source', 'recordedAt', 'recordedBy'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An instant exactly as the store writes them (`toISOString`), so that instants compare as strings. */
function isStoreInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

/** What is wrong with one line taken alone (empty: nothing). */
function lineProblems(line: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(line)) if (!KEYS.has(key)) problems.push(`${key} is not a field of an export line`);
  for (const key of REQUIRED) if (!(key in line)) problems.push(`${key} is missing`);
  if (problems.length > 0) return problems;
  if (typeof line.frameworkId !== 'string' || !ID_PATTERN.test(line.frameworkId)) problems.push('frameworkId must be a lowercase id');
  if (typeof line.eventId !== 'string' || !UUID.test(line.eventId.toLowerCase())) problems.push('eventId must be a UUID');
  if (!Number.isSafeInteger(line.revision) || (line.revision as number) < 0) problems.push('revision must be a whole number, 0 or more');
  if (!isEventType(line.type)) problems.push(`type ${JSON.stringify(line.type)} is not an event type`);
  if (!isEdtf(line.effectiveDate)) problems.push('effectiveDate must be an EDTF date');
  if (!isRecord(line.data)) problems.push('data must be an object');
  if (!isRecord(line.source)) problems.push('source must be an object');
  if (!isStoreInstant(line.recordedAt)) problems.push('recordedAt must be an instant as the store writes them (YYYY-MM-DDTHH:mm:ss.sssZ)');
  if (typeof line.recordedBy !== 'string' || line.recordedBy === '') problems.push('recordedBy must be a non-empty string');
  if (line.original !== undefined) {
    const original = line.original;
    if (!isRecord(original) || !isStoreInstant(original.recordedAt) || typeof original.recordedBy !== 'string') {
      problems.push('original must be { recordedAt, recordedBy }');
    }
  }
  if (line.metadata !== undefined && !isRecord(line.metadata)) problems.push('metadata must be an object');
  if (line.position !== undefined && (!Number.isSafeInteger(line.position) || (line.position as number) < 1)) {
    problems.push('position must be a whole number, 1 or more');
  }
  if (line.storedMetadata !== undefined) {
    if (!isRecord(line.storedMetadata)) problems.push('storedMetadata must be an object');
    else if (line.storedMetadata.actor !== line.recordedBy) problems.push('storedMetadata.actor differs from recordedBy');
  }
  return problems;
}

export function restoreRecords(entries: ImportEntry[]): { records: StoredEvent[]; refusals: ImportRefusal[] } {
  const refusals: ImportRefusal[] = [];
  const lines: { label: string; line: ExportLine }[] = [];
  for (const { label, value } of entries) {
    if (!isRecord(value) || !('eventId' in value)) {
      refusals.push({ label, status: 400, reason: 'not a line of an export (restore reads what export writes; plain events are for import)' });
      continue;
    }
    const problems = lineProblems(value);
    if (problems.length > 0) refusals.push({ label, status: 400, reason: problems.join('; ') });
    else lines.push({ label, line: value as unknown as ExportLine });
  }
  if (refusals.length > 0) return { records: [], refusals };

  // Positions: every line has one (a lossless export), or none (an older export: its order).
  const positioned = lines.length > 0 && lines[0].line.position !== undefined;
  const odd = lines.find(({ line }) => (line.position !== undefined) !== positioned);
  if (odd) {
    return { records: [], refusals: [{ label: odd.label, status: 400, reason: `${positioned ? 'no position, unlike' : 'a position, unlike'} ${lines[0].label}: not one export` }] };
  }

  // The log as a whole: the first inconsistency is reported (the next ones would follow from it).
  const ids = new Map<string, string>();
  const revisions = new Map<string, number>();
  let lastPosition = 0;
  let lastRecordedAt = '';
  const records: StoredEvent[] = [];
  for (const [i, { label, line }] of lines.entries()) {
    const record = fromExportLine(line, line.position ?? i + 1);
    const expected = (revisions.get(line.frameworkId) ?? -1) + 1;
    const earlier = ids.get(record.eventId);
    const reason = earlier
      ? `event ${record.eventId} is already on ${earlier}`
      : line.revision !== expected
        ? `framework ${line.frameworkId} goes from revision ${expected - 1} to ${line.revision}: events are missing or out of order`
        : record.position <= lastPosition
          ? `position ${record.position} is not after the previous line's (${lastPosition}): lines are out of order`
          : record.recordedAt < lastRecordedAt
            ? `recordedAt ${record.recordedAt} is before the previous line's (${lastRecordedAt})`
            : null;
    if (reason !== null) return { records: [], refusals: [{ label, status: 409, reason }] };
    ids.set(record.eventId, label);
    revisions.set(line.frameworkId, expected);
    lastPosition = record.position;
    lastRecordedAt = record.recordedAt;
    records.push(record);
  }
  return { records, refusals: [] };
}
