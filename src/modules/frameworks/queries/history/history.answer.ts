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

/** The answer of `GET /api/frameworks/{id}/history` (plain types: the web client imports them too). */
export interface HistoryAnswer {
  frameworkId: string;
  events: AuditEntry[];
}
