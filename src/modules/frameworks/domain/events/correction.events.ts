import { anyObject, object, optional, text, type Infer } from '../../../../libs/schema/schema.js';
import type { CorrectionDefinition } from './event-definition.js';
import { edtf, eventRef, sourceSchema } from './common.schema.js';

/** Events about other events: a correction replaces the date, data and/or source of a fact; a retraction withdraws it. Both from now on. */

const correctedData = object(
  {
    eventId: eventRef(),
    effectiveDate: optional(edtf()),
    data: optional(anyObject({ description: 'The corrected data (same shape as the original event; identities cannot change)' })),
    source: optional(sourceSchema),
    reason: text(2000),
  },
  { title: 'FactCorrectedData' },
);
export type FactCorrectedData = Infer<typeof correctedData>;

export const FactCorrected: CorrectionDefinition<'FactCorrected', FactCorrectedData> = {
  type: 'FactCorrected',
  family: 'correction',
  data: correctedData,
  label: 'Correction',
  summary: (d, context) => `${context.fact(d.eventId)} : ${d.reason}`,
};

const retractedData = object({ eventId: eventRef(), reason: text(2000) }, { title: 'FactRetractedData' });
export type FactRetractedData = Infer<typeof retractedData>;

export const FactRetracted: CorrectionDefinition<'FactRetracted', FactRetractedData> = {
  type: 'FactRetracted',
  family: 'correction',
  data: retractedData,
  label: 'Retrait d’un fait',
  summary: (d, context) => `${context.fact(d.eventId)} : ${d.reason}`,
};
