import 'reflect-metadata';
import { InvalidInput } from '../../../../libs/app-errors.js';
import { parseEventBody as validateEventBody } from '../events/event-body.js';

/** Every EDTF field of an event body refuses what `parseEdtf` refuses: 400, the field named. */

const SOURCE = { document: 'Convention cadre', passage: 'signée le', confidence: 'stated' };
const PARTY = { id: 'caf13', name: 'CAF des Bouches-du-Rhône', kind: 'family-allowance-fund' };
const ID = '0b7c3f52-1f0e-4d8e-9a63-3b0d2f6c9e11';

function fieldsAtFault(body: unknown): string[] {
  try {
    validateEventBody(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as InvalidInput).fields.map((f) => f.field);
  }
  return [];
}

const bodies = (date: string) => [
  { field: 'effectiveDate', body: { type: 'MilestoneNoted', effectiveDate: date, data: { milestoneId: 'm', name: 'n' }, source: SOURCE } },
  { field: 'data.start', body: { type: 'ConventionSigned', effectiveDate: '2001', data: { conventionId: 'cc', name: 'n', start: date, parties: [PARTY] }, source: SOURCE } },
  { field: 'data.end', body: { type: 'ConventionSigned', effectiveDate: '2001', data: { conventionId: 'cc', name: 'n', start: '2001', end: date, parties: [PARTY] }, source: SOURCE } },
  { field: 'data.newEnd', body: { type: 'ConventionExtended', effectiveDate: '2001', data: { conventionId: 'cc', newEnd: date }, source: SOURCE } },
  { field: 'data.effectiveDate', body: { type: 'FactCorrected', effectiveDate: '2001', data: { eventId: ID, effectiveDate: date, reason: 'r' }, source: SOURCE } },
];

describe('the EDTF fields of an event body', () => {
  it.each(['946684800000', '10000', '99999', '2001-02-29', '2001-02-30', '2001-02-29/2002', '2000/2001-02-29'])('refuse %s, naming the field', (date) => {
    for (const { field, body } of bodies(date)) expect(fieldsAtFault(body)).toEqual([field]);
  });

  it.each(['2000-02-29', '2004-02-29/2005', '198X', '2011/2014', '2006-05?', '2001'])('accept %s', (date) => {
    for (const { body } of bodies(date)) expect(fieldsAtFault(body)).toEqual([]);
  });
});
