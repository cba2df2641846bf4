export type { StateAnswer } from '../../src/modules/frameworks/queries/state-at-date/state-at-date.answer.js';
export type { ConventionView, ItemView, PartyView } from '../../src/modules/frameworks/domain/state/item-views.js';
export type { StateKey } from '../../src/modules/frameworks/domain/state/item-kinds.js';
export type { TimelineAnswer } from '../../src/modules/frameworks/queries/timeline/timeline.answer.js';
export type { TimelineEntry } from '../../src/modules/frameworks/queries/timeline/timeline-entries.js';
export type { HistoryAnswer, AuditEntry } from '../../src/modules/frameworks/queries/history/history.answer.js';
export type { DiffAnswer } from '../../src/modules/frameworks/queries/diff/diff.answer.js';
export type { FrameworkSummary } from '../../src/infrastructure/read-models/read-model.port.js';
