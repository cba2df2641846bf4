import { UUID_PATTERN } from '../../../../libs/uuid.js';
import { format, object, oneOf, optional, pattern, text } from '../../../../libs/schema/schema.js';
import { isEdtf } from '../dates/edtf-date.js';
import { SUBJECT_KINDS } from '../state/item-kinds.js';

/** Field schemas shared by the event definitions. */

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const PARTY_KINDS = ['state', 'family-allowance-fund', 'region', 'department', 'fund', 'commune', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const MISSION_DOMAINS = ['social', 'accounting', 'financial'] as const;
export type MissionDomain = (typeof MISSION_DOMAINS)[number];
export const INSTRUMENT_KINDS = ['procedure', 'framing-note', 'funding-rule', 'website', 'other'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];
export const BODY_KINDS = ['evaluation', 'territorial-consultation', 'working-group', 'other'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** A lowercase id: letters, digits and dashes. */
export const id = (example?: string) =>
  pattern(ID_PATTERN, 'a lowercase id: letters, digits and dashes, 64 at most', { description: 'Lowercase id: letters, digits and dashes', example });
/** The id (UUID) of an event of the framework. */
export const eventRef = () => pattern(UUID_PATTERN, 'the id (UUID) of an event of this framework', { description: 'The event concerned (UUID)' });
/** A date as the sources give it (EDTF). */
export const edtf = (description = 'EDTF: 1994-07-25, 2006-05, 2003, 198X, 2011/2014') =>
  format(isEdtf, 'an EDTF date such as 2003, 2006-05, 1994-07-25, 198X or 2011/2014', { description, example: '2006' });
export const name = () => text(300);
export const optionalText = (max: number) => optional(text(max));

export const CONFIDENCES = ['stated', 'inferred'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const sourceSchema = object({
  document: text(300, { description: 'The document the fact comes from' }),
  passage: text(4000, { description: 'The passage quoted from it' }),
  confidence: oneOf(CONFIDENCES, { description: 'stated: the source says it; inferred: derived (say why in note)' }),
  note: optional(text(4000, { description: 'For an inferred fact, the reasoning' })),
});

export const partyRef = object({ id: id('vitrolles'), name: name(), kind: oneOf(PARTY_KINDS) });

/** What a mission, an instrument or a body may be adopted for: it lapses when that convention's term (or that review) ends. */
export const LASTS_FOR_KINDS = ['convention', 'review'] as const;
export type LastsForKind = (typeof LASTS_FOR_KINDS)[number];
export const lastsFor = () =>
  optional(
    object(
      { kind: oneOf(LASTS_FOR_KINDS), id: id('cc-2008') },
      {
        title: 'LastsFor',
        description:
          'Adopted for the term of a convention (renewals and extensions included) or for the time of a review: it lapses when that term ends',
      },
    ),
  );

/** What an attestation may be about: the things that last until they are ended. */
export const ATTESTABLE_KINDS = ['mission', 'instrument', 'body'] as const;
export type AttestableKind = (typeof ATTESTABLE_KINDS)[number];
export const subjectRef = object({ kind: oneOf(SUBJECT_KINDS), id: id() });
