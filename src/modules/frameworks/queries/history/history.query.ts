import { Query } from '@nestjs/cqrs';
import type { Source } from '../../domain/events/framework.events.js';

/** One entry of the audit log: who recorded which fact, when, on which source, and what corrected what. */
export interface AuditEntry {
  position: number;
  revision: number;
  eventId: string;
  type: string;
  /** The event type in French (« Convention prorogée »). */
  label: string;
  /** One line in French saying what the event says. */
  summary: string;
  effectiveDate: string;
  data: Record<string, unknown>;
  source: Source;
  recordedAt: string;
  recordedBy: string;
  /** For a correction or a retraction: the event it concerns. */
  corrects?: string;
  retracts?: string;
  /** Later corrections of this event, and its retraction if any. */
  correctedBy: string[];
  retractedBy?: string;
}

export interface HistoryFilter {
  actor?: string;
  type?: string;
  /** Recorded at or after this instant. */
  since?: string;
  /** Recorded at or before this instant. */
  until?: string;
}

export interface HistoryAnswer {
  frameworkId: string;
  events: AuditEntry[];
}

/** The audit log of a framework in recorded order. */
export class HistoryQuery extends Query<HistoryAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly filter: HistoryFilter = {},
  ) {
    super();
  }
}
