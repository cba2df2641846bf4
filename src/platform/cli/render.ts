import type { ItemView } from '../../modules/frameworks/domain/state/state-at.js';

/** Helpers of the readable renderings of the query answers (`--json` prints the answers themselves). */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const APPROXIMATE_NOTE = '~ marks a date coarser than a day (approximate: it counts from the first day of its interval)';

/** A day, with `~` when the source's date is coarser than a day. */
export function dated(day: string | null, edtf: string | null | undefined, approximate?: boolean): string {
  if (day === null) return 'open-ended';
  const approx = approximate ?? (edtf != null && !DAY.test(edtf));
  return approx ? `${day}~` : day;
}

export const short = (eventId: string | undefined) => (eventId ? eventId.slice(0, 8) : '');
export const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** One line saying what an event is about, from its type and data. */
export function subjectOf(type: string, data: Record<string, unknown>): string {
  const d = data as Record<string, any>;
  switch (type) {
    case 'FrameworkEstablished':
      return str(d.name);
    case 'ConventionSigned':
      return `${d.conventionId} ${d.name} (${d.start} → ${d.end ?? 'open-ended'}, ${Array.isArray(d.parties) ? d.parties.length : 0} parties${d.supersedes ? `, supersedes ${d.supersedes}` : ''})`;
    case 'ConventionExtended':
    case 'ConventionRenewed':
      return `${d.conventionId} → ${d.newEnd}`;
    case 'ConventionEnded':
      return `${d.conventionId}${d.reason ? `: ${d.reason}` : ''}`;
    case 'PartyJoined':
      return `${d.party?.name ?? d.party?.id} joins ${d.conventionId}`;
    case 'PartyWithdrew':
      return `${d.partyId} leaves ${d.conventionId}`;
    case 'SupportMissionLaunched':
      return `${d.missionId} ${d.name} (${Array.isArray(d.domains) ? d.domains.join(', ') : ''})`;
    case 'SupportMissionEnded':
      return str(d.missionId);
    case 'InstrumentAdopted':
      return `${d.instrumentId} ${d.name} (${d.kind})`;
    case 'InstrumentRepealed':
      return str(d.instrumentId);
    case 'BodyCreated':
      return `${d.bodyId} ${d.name} (${d.kind})`;
    case 'BodyDissolved':
      return str(d.bodyId);
    case 'ReviewConducted':
      return `${d.reviewId} ${d.name}`;
    case 'MilestoneNoted':
      return `${d.milestoneId} ${d.name}`;
    case 'SourceConflictNoted':
      return `${d.conflictId} ${d.subject}`;
    case 'FactCorrected':
      return `corrects ${short(d.eventId)}: ${d.reason}`;
    case 'FactRetracted':
      return `retracts ${short(d.eventId)}: ${d.reason}`;
    default:
      return JSON.stringify(data);
  }
}

export const since = (item: ItemView) => dated(item.since, item.sinceEdtf, item.approximate);
export const conflictsOf = (item: ItemView) => (item.conflicts?.length ? item.conflicts.join(', ') : '');

