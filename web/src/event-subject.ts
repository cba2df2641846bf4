/** What a fact is about, in French: « Vitrolles rejoint la Convention cadre 2003 - 2005 », « fait n° 36 : raison ». */
import { dateLabel } from './dates.js';
import { nameOf, nameOfConvention, store } from './store.js';

interface Fact {
  type: string;
  data: Record<string, unknown>;
}

/** A convention named in a sentence: « la Convention cadre 2003 - 2005 », « la 1re Convention… », else « la convention « Accord 2020 » ». */
export function theConvention(name: string): string {
  if (/^(la|le|les|l['’])\s*/i.test(name)) return name;
  return /^(\S+\s)?convention\b/i.test(name) ? `la ${name}` : `la convention « ${name} »`;
}

export function eventSubject(e: Fact): string {
  const d = e.data as Record<string, unknown> & {
    name?: string;
    subject?: string;
    reason?: string;
    conventionId?: string;
    newEnd?: string;
    eventId?: string;
    parties?: unknown[];
    party?: { name: string };
  };
  const names = store.history?.names ?? {};
  const conv = (id: unknown) => nameOfConvention(String(id));
  const theConv = (id: unknown) => theConvention(conv(id));
  switch (e.type) {
    case 'ConventionSigned':
      return `${d.name}${d.parties ? ` (${d.parties.length} signataires)` : ''}`;
    case 'ConventionExtended':
    case 'ConventionRenewed':
      return `${conv(d.conventionId)} : fin portée à ${dateLabel(d.newEnd)}`;
    case 'ConventionEnded':
      return conv(d.conventionId);
    case 'PartyJoined':
      return `${d.party ? d.party.name : '?'} rejoint ${theConv(d.conventionId)}`;
    case 'PartyWithdrew':
      return `${names[`party:${String(d.partyId)}`] || String(d.partyId)} quitte ${theConv(d.conventionId)}`;
    case 'SupportMissionEnded':
      return nameOf('missions', String(d.missionId));
    case 'InstrumentRepealed':
      return nameOf('instruments', String(d.instrumentId));
    case 'BodyDissolved':
      return nameOf('bodies', String(d.bodyId));
    case 'SourceConflictNoted':
      return String(d.subject);
    case 'FactCorrected':
    case 'FactRetracted': {
      const pos = store.history && d.eventId ? store.history.positionOf[d.eventId] : undefined;
      return `${pos !== undefined ? `fait n° ${pos}` : `fait ${String(d.eventId)}`} : ${String(d.reason)}`;
    }
    default:
      return d.name || d.subject || '';
  }
}
