import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_KINDS } from '../../modules/frameworks/domain/state/item-kinds.js';
import { ReceiptSchema } from './transparency-schemas.js';

/**
 * Shapes of the JSON answers, for the OpenAPI document only (the slices answer plain objects typed
 * by their query interfaces; these classes describe the same shapes to @nestjs/swagger).
 */

const DAY = { type: String, format: 'date', example: '2007-06-30' } as const;
const INSTANT = { type: String, format: 'date-time', example: '2026-01-01T00:00:00.000Z' } as const;
const EDTF = { type: String, description: 'EDTF (ISO 8601-2): 1994-07-25, 2006-05, 2003, 198X, 2011/2014', example: '2006' } as const;
const EVIDENCE = {
  enum: ['stated', 'inferred', 'presumed'],
  description:
    'How the sources support the item on the day asked: stated (a source states it holds over a period containing the day), ' +
    'inferred (it follows from the sources by a recorded inference: parties carried over, renewal terms, supersession, a day between two attested periods), ' +
    'presumed (the day is after the last day any source supports it: nothing ended it, nothing attests it). See docs/evidence.md',
} as const;
const ATTESTED_UNTIL = {
  ...{ type: String, format: 'date', example: '2017-12-31' },
  description: 'The last day the sources support the item; absent when open-ended by the source’s own words (a convention signed without an end, a review that happened)',
} as const;
const CONFIDENCE = { enum: ['stated', 'inferred'] } as const;

export class HorizonSchema {
  @ApiProperty({ type: String, format: 'date', example: '1980-01-01', description: 'First day of the earliest fact' }) from: string;
  @ApiProperty({ type: String, format: 'date', example: '2017-12-31', description: 'Last day of the latest fact’s date or of the term it states' })
  to: string;
}

export class SourceSchema {
  @ApiProperty({ example: 'seeds/000_e10eef5306c53b3b.txt' }) document: string;
  @ApiProperty({ description: 'The passage quoted from the document' }) passage: string;
  @ApiProperty({ enum: ['stated', 'inferred'], description: 'stated: the source says it; inferred: derived (see note)' })
  confidence: string;
  @ApiPropertyOptional({ description: 'For an inferred fact, the reasoning' }) note?: string;
}

export class PartyRefSchema {
  @ApiProperty({ example: 'vitrolles' }) id: string;
  @ApiProperty({ example: 'Vitrolles' }) name: string;
  @ApiProperty({ enum: ['state', 'family-allowance-fund', 'region', 'department', 'fund', 'commune', 'other'] }) kind: string;
}

export class ItemSchema {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ ...DAY, description: 'First day the item counts from' }) since: string;
  @ApiProperty({ ...EDTF, description: 'The date as the source gives it' }) sinceEdtf: string;
  @ApiProperty({ description: 'The date is coarser than a day' }) approximate: boolean;
  @ApiProperty(EVIDENCE) evidence: string;
  @ApiPropertyOptional(ATTESTED_UNTIL) attestedUntil?: string;
  @ApiProperty({ format: 'uuid', description: 'The fact the item is quoted from (for a party: the fact that binds it on that day)' }) eventId: string;
  @ApiProperty({ type: SourceSchema }) source: SourceSchema;
  @ApiPropertyOptional({ type: [String], description: 'Ids of the source conflicts that concern this item' }) conflicts?: string[];
}

export class LastsForSchema {
  @ApiProperty({ enum: ['convention', 'review'] }) kind: string;
  @ApiProperty({ example: 'cc-2008' }) id: string;
}

export class ConventionPartySchema extends PartyRefSchema {
  @ApiProperty(EVIDENCE) evidence: string;
  @ApiPropertyOptional(ATTESTED_UNTIL) attestedUntil?: string;
  @ApiProperty({ format: 'uuid', description: 'The fact that binds the party: the signing, or its joining' }) eventId: string;
  @ApiProperty({ description: 'The passage of that fact (its whole source: the convention’s, or the joining’s in the timeline)' }) passage: string;
  @ApiPropertyOptional({ description: 'The convention whose parties were carried over to this one (the inference recorded)' }) carriedOverFrom?: string;
}

export class TermChangeSchema {
  @ApiProperty({ enum: ['extension', 'renewal'] }) kind: string;
  @ApiProperty(EDTF) effectiveDate: string;
  @ApiProperty(EDTF) newEnd: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ ...CONFIDENCE, description: 'The confidence of the new term' }) evidence: string;
}

export class ConventionSchema extends ItemSchema {
  @ApiProperty(DAY) start: string;
  @ApiProperty(EDTF) startEdtf: string;
  @ApiProperty({
    ...DAY,
    nullable: true,
    description: 'Last day of term after the extensions and renewals effective that day; null: open-ended',
  })
  end: string | null;
  @ApiProperty({ ...EDTF, nullable: true }) endEdtf: string | null;
  @ApiProperty({ ...EDTF, nullable: true, description: 'End as signed' }) originalEnd: string | null;
  @ApiProperty({ type: [TermChangeSchema] }) termChanges: TermChangeSchema[];
  @ApiProperty({ type: [ConventionPartySchema], description: 'The parties bound that day, each with its own evidence' }) parties: ConventionPartySchema[];
  @ApiPropertyOptional({ description: 'Id of the convention this one replaces' }) supersedes?: string;
  @ApiPropertyOptional({ ...CONFIDENCE, description: 'How sure the sources are of the replacement' }) supersedesEvidence?: string;
  @ApiPropertyOptional({ description: 'The convention whose parties are carried over to this one (the source names none)' }) partiesCarriedOverFrom?: string;
}

export class PartySchema extends ItemSchema {
  @ApiProperty({ enum: ['state', 'family-allowance-fund', 'region', 'department', 'fund', 'commune', 'other'] }) kind: string;
  @ApiProperty({ type: [String], description: 'The conventions that bind the party that day' }) conventions: string[];
  @ApiPropertyOptional({ description: 'When the convention quoted binds the party only by carrying over an earlier one’s parties' }) carriedOverFrom?: string;
}

export class MissionSchema extends ItemSchema {
  @ApiProperty({ enum: ['social', 'accounting', 'financial'], isArray: true }) domains: string[];
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: LastsForSchema, description: 'Adopted for the term of a convention or the time of a review: lapses with it' }) lastsFor?: LastsForSchema;
}

export class InstrumentSchema extends ItemSchema {
  @ApiProperty({ enum: ['procedure', 'framing-note', 'funding-rule', 'website', 'other'] }) kind: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Figures kept as data, e.g. { "ceilingPercent": 112 }' })
  figures?: Record<string, string | number | boolean>;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: LastsForSchema, description: 'Adopted for the term of a convention or the time of a review: lapses with it' }) lastsFor?: LastsForSchema;
}

export class BodySchema extends ItemSchema {
  @ApiProperty({ enum: ['evaluation', 'territorial-consultation', 'working-group', 'other'] }) kind: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: LastsForSchema, description: 'Adopted for the term of a convention or the time of a review: lapses with it' }) lastsFor?: LastsForSchema;
}

export class StateAnswerSchema {
  @ApiProperty({ example: 'cccs13' }) frameworkId: string;
  @ApiProperty() name: string;
  @ApiProperty(DAY) at: string;
  @ApiProperty({ ...INSTANT, nullable: true, description: 'null: as the record stands now' }) knownAt: string | null;
  @ApiProperty({ description: "The framework's current revision (for If-Match)" }) revision: number;
  @ApiProperty({ type: HorizonSchema, nullable: true, description: 'The first and last days the recorded history speaks of, as known at knownAt (null: nothing recorded)' })
  horizon: HorizonSchema | null;
  @ApiProperty({ description: '`at` lies outside the horizon: the answer says what the record implies, nothing in the sources attests it' })
  outsideHorizon: boolean;
  @ApiPropertyOptional({ description: 'Outside the horizon: what to tell the reader, in French', example: 'L’historique enregistré s’arrête au 31 décembre 2017 : au-delà, rien n’est attesté.' })
  horizonNotice?: string;
  @ApiProperty({ type: [ConventionSchema] }) conventions: ConventionSchema[];
  @ApiProperty({ type: [PartySchema] }) parties: PartySchema[];
  @ApiProperty({ type: [MissionSchema] }) missions: MissionSchema[];
  @ApiProperty({ type: [InstrumentSchema] }) instruments: InstrumentSchema[];
  @ApiProperty({ type: [BodySchema] }) bodies: BodySchema[];
  @ApiProperty({ type: [ItemSchema] }) reviews: ItemSchema[];
  @ApiProperty({ type: [ItemSchema] }) milestones: ItemSchema[];
  @ApiProperty({ type: [ItemSchema], description: 'Contradictions of the sources recorded so far' }) conflicts: ItemSchema[];
}

export class TimelineEntrySchema {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'PartyJoined' }) type: string;
  @ApiProperty(EDTF) effectiveDate: string;
  @ApiProperty({ ...DAY, description: 'First day of the effective date' }) from: string;
  @ApiProperty({ ...DAY, description: 'Last day of the effective date' }) to: string;
  @ApiProperty() approximate: boolean;
  @ApiProperty({ example: 'Convention prorogée', description: 'The event type in French' }) label: string;
  @ApiProperty({ description: 'What the fact says, in one line of French' }) summary: string;
  @ApiProperty({ ...CONFIDENCE, description: 'The confidence of the fact (a fact recorded is never merely presumed)' }) evidence: string;
  @ApiPropertyOptional({ enum: ['parties', 'supersedes'], isArray: true, description: 'Parts of a stated fact that are only inferred' }) inferredParts?: string[];
  @ApiPropertyOptional({ ...ATTESTED_UNTIL, description: 'The last day the fact speaks of (its date, the term it states or was adopted for); absent when open-ended' })
  attestedUntil?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: SourceSchema }) source: SourceSchema;
  @ApiProperty(INSTANT) recordedAt: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ type: [String] }) correctedBy: string[];
  @ApiPropertyOptional() retractedBy?: string;
}

export class TimelineAnswerSchema {
  @ApiProperty() frameworkId: string;
  @ApiProperty({ ...INSTANT, nullable: true }) knownAt: string | null;
  @ApiProperty({ type: HorizonSchema, nullable: true }) horizon: HorizonSchema | null;
  @ApiProperty({ type: [TimelineEntrySchema] }) events: TimelineEntrySchema[];
}

export class AuditEntrySchema {
  @ApiProperty({ description: 'Position in the global log' }) position: number;
  @ApiProperty({ description: "Revision of the framework's stream" }) revision: number;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty() type: string;
  @ApiProperty(EDTF) effectiveDate: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: SourceSchema }) source: SourceSchema;
  @ApiProperty(INSTANT) recordedAt: string;
  @ApiProperty({ description: 'The actor (owner of the token) who recorded it' }) recordedBy: string;
  @ApiPropertyOptional({ description: 'For a correction: the event it corrects' }) corrects?: string;
  @ApiPropertyOptional({ description: 'For a retraction: the event it retracts' }) retracts?: string;
  @ApiProperty({ type: [String] }) correctedBy: string[];
  @ApiPropertyOptional() retractedBy?: string;
}

export class HistoryAnswerSchema {
  @ApiProperty() frameworkId: string;
  @ApiProperty({ type: [AuditEntrySchema] }) events: AuditEntrySchema[];
}

export class DiffItemSchema {
  @ApiProperty({ enum: ITEM_KINDS }) kind: string;
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class DiffEntrySchema extends DiffItemSchema {
  @ApiProperty({ ...EVIDENCE, description: 'On `to` for what came into force, on `from` for what ended' }) evidence: string;
  @ApiPropertyOptional(ATTESTED_UNTIL) attestedUntil?: string;
}

export class CameIntoForceSchema extends DiffEntrySchema {
  @ApiProperty({ ...DAY, description: 'First day it counts from (for an approximate date, the first day of its interval)' }) since: string;
  @ApiProperty({ ...EDTF, description: 'The date as the source gives it: an approximate one came into force at some day of this interval, not necessarily on `since`' })
  sinceEdtf: string;
  @ApiProperty() approximate: boolean;
}

export class FieldChangeSchema {
  @ApiProperty({ example: 'end' }) field: string;
  @ApiProperty({ nullable: true, description: 'Any JSON value' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'Any JSON value' }) after: unknown;
}

export class ChangeSchema extends DiffItemSchema {
  @ApiProperty({ type: [FieldChangeSchema] }) fields: FieldChangeSchema[];
}

export class DiffAnswerSchema {
  @ApiProperty() frameworkId: string;
  @ApiProperty(DAY) from: string;
  @ApiProperty(DAY) to: string;
  @ApiProperty({ ...INSTANT, nullable: true }) knownAt: string | null;
  @ApiProperty({ type: HorizonSchema, nullable: true }) horizon: HorizonSchema | null;
  @ApiProperty({ type: [CameIntoForceSchema], description: 'In force on `to` but not on `from`' }) cameIntoForce: CameIntoForceSchema[];
  @ApiProperty({ type: [DiffEntrySchema], description: 'In force on `from` but not on `to`' }) ended: DiffEntrySchema[];
  @ApiProperty({ type: [ChangeSchema], description: 'In force on both days, with different terms' }) changed: ChangeSchema[];
  @ApiProperty({ type: [TimelineEntrySchema], description: 'The facts dated after `from` and up to `to`' }) events: TimelineEntrySchema[];
}

export class FrameworkSummarySchema {
  @ApiProperty({ example: 'cccs13' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty({ description: "0-based revision of the framework stream's last event" }) revision: number;
  @ApiProperty() eventCount: number;
  @ApiProperty(INSTANT) updatedAt: string;
  @ApiProperty({ type: HorizonSchema, nullable: true, description: 'The first and last days its recorded history speaks of' }) horizon: HorizonSchema | null;
}

export class AppendResultSchema {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ description: 'The new revision of the framework (ETag)' }) revision: number;
  @ApiProperty({ description: 'Position in the global log' }) position: number;
  @ApiProperty(INSTANT) recordedAt: string;
  @ApiPropertyOptional({ description: 'true when an Idempotency-Key retry returned the first result' }) replayed?: boolean;
  @ApiPropertyOptional({
    type: () => ReceiptSchema,
    nullable: true,
    description: "The transparency log's receipt of the event (a replay's too); null when the log's tree has not included it yet: fetch it from receiptUrl",
  })
  receipt: ReceiptSchema | null;
  @ApiPropertyOptional({ description: 'Where the receipt is to be fetched later, when `receipt` is null', example: '/api/log/receipt?position=1205' })
  receiptUrl?: string;
}

export class DryRunChangeSchema {
  @ApiProperty(DAY) day: string;
  @ApiProperty({ type: () => DiffAnswerSchema, description: 'What would come into force, end or change on that day (cameIntoForce, ended, changed)' })
  diff: object;
}

export class DryRunResultSchema {
  @ApiProperty({ enum: [true] }) dryRun: true;
  @ApiProperty({ description: 'The current revision of the framework (nothing was appended)' }) revision: number;
  @ApiProperty({ type: [String], description: 'The days the fact takes its place on (a correction: the fact concerned, before and after)' }) days: string[];
  @ApiProperty({ type: () => [DryRunChangeSchema] }) changes: DryRunChangeSchema[];
}

export class FrameworkCreatedSchema extends AppendResultSchema {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ItemVersionSchema {
  @ApiProperty(DAY) validFrom: string;
  @ApiProperty({ ...DAY, nullable: true, description: 'The day after the last day of this version (null: still in force at the end of the record)' }) validTo: string | null;
  @ApiProperty({ type: () => ItemSchema, description: 'The item as the state answers it on any day of this version' }) view: ItemSchema;
  @ApiProperty({ type: [String], description: 'The facts (event ids) that took effect on `validFrom` and touch the item' }) changedBy: string[];
}

export class ItemHistorySchema {
  @ApiProperty({ enum: ITEM_KINDS }) kind: string;
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Its name in its latest version' }) name: string;
  @ApiProperty({ type: () => [ItemVersionSchema] }) versions: ItemVersionSchema[];
}

export class ItemVersionsAnswerSchema {
  @ApiProperty() frameworkId: string;
  @ApiProperty({ ...INSTANT, nullable: true }) knownAt: string | null;
  @ApiProperty() revision: number;
  @ApiProperty({ type: () => [ItemHistorySchema] }) items: ItemHistorySchema[];
}
