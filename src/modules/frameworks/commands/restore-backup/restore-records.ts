import { isEdtf } from '../../domain/dates/edtf-date.js';
import { isEventType } from '../../domain/events/framework.events.js';
import type { StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { isStoreInstant, RestoreLogCheck, type RestoreLogProblem } from '../../../../infrastructure/event-store/restore-checks.js';
import { isUuid } from '../../../../libs/uuid.js';
import { isRecord } from '../../../../libs/records.js';
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

const KEYS = new Set<string>(EXPORT_LINE_KEYS);
const REQUIRED = ['frameworkId', 'eventId', 'revision', 'type', 'effectiveDate', 'data', 'source', 'recordedAt', 'recordedBy'] as const;

/** What is wrong with one line taken alone (empty: nothing). */
function lineProblems(line: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(line)) if (!KEYS.has(key)) problems.push(`${key} is not a field of an export line`);
  for (const key of REQUIRED) if (!(key in line)) problems.push(`${key} is missing`);
  if (problems.length > 0) return problems;
  if (typeof line.frameworkId !== 'string' || !ID_PATTERN.test(line.frameworkId)) problems.push('frameworkId must be a lowercase id');
  if (typeof line.eventId !== 'string' || !isUuid(line.eventId)) problems.push('eventId must be a UUID');
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
  const log = new RestoreLogCheck();
  const records: StoredEvent[] = [];
  for (const [i, { label, line }] of lines.entries()) {
    const record = fromExportLine(line, line.position ?? i + 1);
    const problem = log.next(record);
    if (problem !== null) return { records: [], refusals: [{ label, status: 409, reason: inconsistency(problem, line, record, lines) }] };
    records.push(record);
  }
  return { records, refusals: [] };
}

/** A rule of the log broken by a line, in the words of the export. */
function inconsistency(problem: RestoreLogProblem, line: ExportLine, record: StoredEvent, lines: { label: string }[]): string {
  switch (problem.rule) {
    case 'unique-id':
      return `event ${record.eventId} is already on ${lines[problem.earlier].label}`;
    case 'revision':
      return `framework ${line.frameworkId} goes from revision ${problem.expected - 1} to ${line.revision}: events are missing or out of order`;
    case 'position':
      return `position ${record.position} is not after the previous line's (${problem.previous}): lines are out of order`;
    case 'instant':
      return `recordedAt ${record.recordedAt} is not an instant as the store writes them`;
    case 'instant-order':
      return `recordedAt ${record.recordedAt} is before the previous line's (${problem.previous})`;
  }
}
