export type { StateAnswer } from '../../src/modules/frameworks/queries/state-at-date/state-at-date.answer.js';
export type { StateView } from '../../src/modules/frameworks/domain/state/state-at.js';
export type { StateDiff } from '../../src/modules/frameworks/domain/state/diff.js';
export type { ConventionView, ItemView, PartyView } from '../../src/modules/frameworks/domain/state/item-views.js';
export type { ItemKind, StateKey } from '../../src/modules/frameworks/domain/state/item-kinds.js';
export type { ItemHistory, ItemVersion } from '../../src/modules/frameworks/domain/state/item-versions.js';
export type { ItemVersionsAnswer } from '../../src/modules/frameworks/queries/item-versions/item-versions.answer.js';
export type { TimelineEntry } from '../../src/modules/frameworks/queries/timeline/timeline-entries.js';
export type { HistoryAnswer, AuditEntry } from '../../src/modules/frameworks/queries/history/history.answer.js';
export type { DiffAnswer } from '../../src/modules/frameworks/queries/diff/diff.answer.js';
export type { DocumentsAnswer, CitedDocument } from '../../src/modules/frameworks/queries/documents/documents.answer.js';
export type { FrameworkListing as FrameworkSummary } from '../../src/modules/frameworks/queries/list-frameworks/list-frameworks.query.js';
export type { Evidence } from '../../src/modules/frameworks/domain/state/evidence.js';
export type { Horizon } from '../../src/modules/frameworks/domain/state/horizon.js';
export type { PageCatalogue, PageEventType, JsonSchema } from '../../src/platform/web/event-types.js';

/** What the service says when it refuses (400, 409, 422…): the fields at fault, the rule broken, the current revision. */
export interface ErrorBody {
  message?: string;
  fields?: { field: string; problems: string[] }[];
  rule?: string;
  field?: string;
  conflictingEventId?: string;
  currentRevision?: number;
}

