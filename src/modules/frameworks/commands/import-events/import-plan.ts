import { userInfo } from 'node:os';
import { commandOf } from '../../domain/decider/decide-batch.js';
import { decideWith, decisionState, evolveState, type DecisionState } from '../../domain/decider/decision-state.js';
import type { FrameworkHistory } from '../../domain/decider/framework.decider.js';
import { ID_PATTERN } from '../../domain/events/common.schema.js';
import { isUuid } from '../../../../libs/uuid.js';
import { parseEventBody } from '../../domain/events/event-body.js';
import type { GovernanceEvent, RecordedEvent } from '../../domain/events/framework.events.js';
import type { ExpectedRevision, NewEvent, StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { streamIdOf, toNewEvent, type EventMetadata } from '../../../../infrastructure/event-store/framework-stream.js';
import { isRecord } from '../../../../libs/records.js';
import { RuleBroken } from '../../../../libs/app-errors.js';
import { assertNotTooFarAhead, latestAllowedDay } from '../../write-path/future-bound.js';
import { InvalidInput, type FieldError } from '../../../../libs/app-errors.js';
import { sha256, uuidFromName } from '../../../../libs/ids.js';
import { isInstant } from '../../../../platform/http/query-params.js';
import { UsageError } from '../../../../platform/cli/cli-errors.js';
import { EXPORT_LINE_KEYS, IMPORT_METADATA_KEYS, type ExportLine } from '../../queries/export-log/export-format.js';

/**
 * The import, planned before anything is written: every line is parsed, its shape validated as
 * over HTTP (`parseEventBody`), and the rules of the domain checked by folding the decider in
 * memory, per framework, on top of the framework's stored history. The plan lists every refused
 * line; it is appended only when none is refused.
 */

export interface ImportEntry {
  /** `line 12` (JSON Lines) or `item 3` (JSON array). */
  label: string;
  value: unknown;
}

export interface ImportRefusal {
  label: string;
  /** The HTTP status the same refusal would have: 400, 404, 409, 422. */
  status: number;
  reason: string;
}

export interface PlannedAppend {
  frameworkId: string;
  streamId: string;
  expected: ExpectedRevision;
  events: NewEvent[];
}

export interface ImportPlan {
  entries: number;
  appends: PlannedAppend[];
  /** Lines whose event is already stored, identical (a re-import): skipped. */
  alreadyStored: number;
  refusals: ImportRefusal[];
}

export interface ImportStore {
  /** The framework's stored history (empty when the framework does not exist). */
  history(frameworkId: string): Promise<FrameworkHistory>;
  findEvent(eventId: string): Promise<StoredEvent | null>;
}

export interface ImportOptions {
  /** For lines without a frameworkId. */
  frameworkId?: string;
  /** Who records the plain event bodies (token owner or --actor); needed only when there are some. */
  actor?: string;
  /** Whether this process is an operator of the store: needed to import exported events (they keep their recordedBy). */
  operator: boolean;
  /** Why not, to say so. */
  operatorReason?: string;
  now?: () => string;
  /** Called every few entries with the number checked so far (the rules are checked line by line). */
  onProgress?: (done: number) => void;
  /** How far ahead a date may reach (MAX_YEARS_AHEAD): checked here as the append will. */
  maxYearsAhead?: number;
}

const BODY_KEYS = ['type', 'effectiveDate', 'data', 'source'] as const;
const PLAIN_KEYS = new Set<string>([...BODY_KEYS, 'frameworkId']);
const EXPORT_KEYS = new Set<string>(EXPORT_LINE_KEYS);
const MAX_METADATA = 64 * 1024;
/** In-memory positions of accepted lines: after every stored event, before the candidate (+∞). */
const PLANNED_POSITION = 1e15;

/** Splits a file into entries: a JSON array, one JSON object, or JSON Lines (blank lines skipped). */
export function parseImportText(text: string): { entries: ImportEntry[]; refusals: ImportRefusal[] } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { entries: [], refusals: [{ label: 'file', status: 400, reason: `not a valid JSON array: ${(error as Error).message}` }] };
    }
    return { entries: (parsed as unknown[]).map((value, i) => ({ label: `item ${i + 1}`, value })), refusals: [] };
  }
  if (trimmed.startsWith('{') && trimmed.includes('\n') && !/\}\s*\r?\n\s*\{/.test(trimmed)) {
    // One object, possibly spread over several lines.
    try {
      return { entries: [{ label: 'item 1', value: JSON.parse(trimmed) }], refusals: [] };
    } catch {
      // fall through: JSON Lines, each line reported on its own
    }
  }
  const entries: ImportEntry[] = [];
  const refusals: ImportRefusal[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const label = `line ${i + 1}`;
    try {
      entries.push({ label, value: JSON.parse(line) });
    } catch (error) {
      refusals.push({ label, status: 400, reason: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return { entries, refusals };
}

/** JSON with sorted keys: two values are the same event whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const sameEvent = (a: Pick<GovernanceEvent, 'type' | 'effectiveDate' | 'data' | 'source'>, b: Pick<GovernanceEvent, 'type' | 'effectiveDate' | 'data' | 'source'>) =>
  canonicalJson([a.type, a.effectiveDate, a.data, a.source]) === canonicalJson([b.type, b.effectiveDate, b.data, b.source]);

/** Checks the envelope of an export line (everything but the event body). */
function exportEnvelopeErrors(line: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const problem = (field: string, text: string) => errors.push({ field, problems: [text] });
  for (const key of Object.keys(line)) if (!EXPORT_KEYS.has(key)) problem(key, `${key} is not allowed`);
  if (!isUuid(line.eventId)) problem('eventId', 'eventId must be a UUID');
  if (line.revision !== undefined && !(Number.isSafeInteger(line.revision) && (line.revision as number) >= 0)) {
    problem('revision', 'revision must be a whole number, 0 or more');
  }
  if (!isInstant(line.recordedAt)) problem('recordedAt', 'recordedAt must be an ISO 8601 instant');
  if (typeof line.recordedBy !== 'string' || line.recordedBy.trim() === '' || line.recordedBy.length > 200) {
    problem('recordedBy', 'recordedBy must be a non-empty string (200 characters at most)');
  }
  if (line.original !== undefined) {
    const original = line.original as Record<string, unknown>;
    if (!isRecord(original) || !isInstant(original.recordedAt) || typeof original.recordedBy !== 'string' || original.recordedBy === '' || Object.keys(original).length !== 2) {
      problem('original', 'original must be { recordedAt: instant, recordedBy: string }');
    }
  }
  if (line.metadata !== undefined && (!isRecord(line.metadata) || JSON.stringify(line.metadata).length > MAX_METADATA)) {
    problem('metadata', `metadata must be a JSON object of ${MAX_METADATA} characters at most`);
  }
  return errors;
}

function describe(error: unknown): { status: number; reason: string } {
  if (error instanceof InvalidInput) return { status: 400, reason: error.message };
  throw error;
}

function operatorName(): string {
  try {
    return `operator:${userInfo().username}`;
  } catch {
    return 'operator';
  }
}

export async function planImport(entries: ImportEntry[], store: ImportStore, options: ImportOptions): Promise<ImportPlan> {
  const now = options.now ?? (() => new Date().toISOString());
  const importedBy = options.actor ?? operatorName();
  const refusals: ImportRefusal[] = [];
  const histories = new Map<string, { stored: Map<string, RecordedEvent>; working: DecisionState; append: PlannedAppend }>();
  const idsInFile = new Map<string, string>();
  const occurrences = new Map<string, number>();
  let alreadyStored = 0;
  let planned = 0;

  const frameworkOf = async (frameworkId: string) => {
    let entry = histories.get(frameworkId);
    if (!entry) {
      const history = await store.history(frameworkId);
      entry = {
        stored: new Map(history.events.map((e) => [e.eventId, e])),
        working: decisionState(history),
        append: {
          frameworkId,
          streamId: streamIdOf(frameworkId),
          expected: history.revision < 0 ? 'no_stream' : history.revision,
          events: [],
        },
      };
      histories.set(frameworkId, entry);
    }
    return entry;
  };

  for (const [index, { label, value }] of entries.entries()) {
    if (index % 25 === 0) options.onProgress?.(index);
    const refuse = (status: number, reason: string) => refusals.push({ label, status, reason });
    if (!isRecord(value)) {
      refuse(400, 'must be a JSON object: an event { type, effectiveDate, data, source } or a line of an export');
      continue;
    }
    const exported = 'eventId' in value;

    // 1. The envelope: export line or plain event body, and its framework.
    if (exported) {
      if (!options.operator) {
        throw new UsageError(
          `${label} is an exported event, which keeps its recordedBy: only an operator of the store may import it (${options.operatorReason ?? 'not an operator'})`,
        );
      }
      const errors = exportEnvelopeErrors(value);
      if (errors.length > 0) {
        refuse(400, new InvalidInput(errors).message);
        continue;
      }
    } else {
      const unknown = Object.keys(value).filter((key) => !PLAIN_KEYS.has(key));
      if (unknown.length > 0) {
        refuse(400, new InvalidInput(unknown.map((key) => ({ field: key, problems: [`${key} is not allowed`] }))).message);
        continue;
      }
      if (options.actor === undefined) {
        throw new UsageError(`${label} is an event to record: give the actor with --token (or GOVERNANCE_TOKEN) or --actor`);
      }
    }
    const frameworkId = (value.frameworkId as string | undefined) ?? options.frameworkId;
    if (frameworkId === undefined) {
      refuse(400, 'invalid frameworkId: give frameworkId on the line or --framework');
      continue;
    }
    if (typeof frameworkId !== 'string' || !ID_PATTERN.test(frameworkId)) {
      refuse(400, 'invalid frameworkId: frameworkId must be a lowercase id: letters, digits and dashes, 64 at most');
      continue;
    }
    if (options.frameworkId !== undefined && frameworkId !== options.frameworkId) {
      refuse(400, `invalid frameworkId: ${frameworkId} is not the framework given with --framework (${options.frameworkId})`);
      continue;
    }

    // 2. The event body, validated as over HTTP.
    let event: GovernanceEvent;
    try {
      event = parseEventBody(Object.fromEntries(BODY_KEYS.filter((k) => k in value).map((k) => [k, value[k]])));
    } catch (error) {
      const { status, reason } = describe(error);
      refuse(status, reason);
      continue;
    }

    if (options.maxYearsAhead !== undefined) {
      try {
        assertNotTooFarAhead(event, latestAllowedDay(options.maxYearsAhead), options.maxYearsAhead);
      } catch (error) {
        if (!(error instanceof RuleBroken)) throw error;
        refuse(422, `${error.rule}: ${error.message}`);
        continue;
      }
    }

    // 3. Its id: kept from an export; derived from the content otherwise, so that importing the
    //    same file again finds the same ids (the store is idempotent by event id).
    let eventId: string;
    if (exported) {
      eventId = (value.eventId as string).toLowerCase();
    } else {
      const key = `${frameworkId}|${sha256(canonicalJson(event))}`;
      const n = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, n);
      eventId = uuidFromName(`${frameworkId}|import|${key}|${n}`);
    }
    const earlierLabel = idsInFile.get(eventId);
    if (earlierLabel) {
      refuse(409, `event-id-conflict: event ${eventId} is already in this file (${earlierLabel})`);
      continue;
    }
    idsInFile.set(eventId, label);

    const framework = await frameworkOf(frameworkId);
    const stored = framework.stored.get(eventId);
    if (stored) {
      if (sameEvent(stored, event)) {
        alreadyStored++;
      } else {
        refuse(409, `event-id-conflict: event ${eventId} is already stored with other content`);
      }
      continue;
    }
    const elsewhere = await store.findEvent(eventId);
    if (elsewhere) {
      refuse(409, `event-id-conflict: event ${eventId} is already stored in ${elsewhere.streamId}`);
      continue;
    }

    // 4. The rules, on top of the stored history and the lines accepted so far.
    const state = framework.working;
    const history = state.history;
    if (event.type === 'FrameworkEstablished' && history.revision >= 0) {
      refuse(409, `framework ${frameworkId} already exists`);
      continue;
    }
    if (event.type !== 'FrameworkEstablished' && history.revision < 0) {
      refuse(404, `framework ${frameworkId} not found (neither stored nor established earlier in the file)`);
      continue;
    }
    const decision = decideWith(commandOf(event), state);
    if (!decision.ok) {
      const { refusal } = decision;
      if (refusal.fields) refuse(400, new InvalidInput(refusal.fields).message);
      else refuse(422, `${refusal.rule}: ${refusal.message}`);
      continue;
    }

    const line = value as unknown as ExportLine;
    const recordedBy = exported ? line.recordedBy : options.actor!;
    const metadata: EventMetadata = exported
      ? {
          ...Object.fromEntries(Object.entries(line.metadata ?? {}).filter(([key]) => !IMPORT_METADATA_KEYS.has(key))),
          actor: recordedBy,
          original: line.original ?? { recordedAt: line.recordedAt, recordedBy: line.recordedBy },
          importedBy,
        }
      : { actor: recordedBy, correlationId: eventId, importedBy };
    framework.working = evolveState(state, {
      ...event,
      eventId,
      frameworkId,
      revision: history.revision + 1,
      position: PLANNED_POSITION + planned++,
      recordedAt: now(),
      recordedBy,
    } as RecordedEvent);
    framework.append.events.push(toNewEvent(event, eventId, metadata));
  }

  options.onProgress?.(entries.length);
  return {
    entries: entries.length,
    appends: [...histories.values()].map((h) => h.append).filter((a) => a.events.length > 0),
    alreadyStored,
    refusals,
  };
}
