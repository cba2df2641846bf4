import { InvalidInput } from '../../../../libs/app-errors.js';
import { anyObject, clean, object, oneOf, validate, type FieldProblem, type Schema } from '../../../../libs/schema/schema.js';
import { bodyShapeProblems, shapeProblems } from '../../../../libs/schema/shape.js';
import { edtf, sourceSchema } from './common.schema.js';
import { CATALOGUE, EVENT_TYPES, isEventType, type EventType } from './event-catalogue.js';
import type { GovernanceEvent } from './framework.events.js';

/**
 * The body of an event as a client sends it, `{ type, effectiveDate, data, source }`: its envelope,
 * then the data of its type, each checked by the catalogue's schemas.
 */
export const eventBodySchema = object(
  {
    type: oneOf(EVENT_TYPES),
    effectiveDate: edtf('When it happened in the world (EDTF), as the source dates it'),
    data: anyObject({ description: 'Depends on `type`: the data schema of that event type' }),
    source: sourceSchema,
  },
  { title: 'EventBody' },
);

/** The problems of an event body (none: it is valid). Every field at fault is named. */
export function eventBodyProblems(body: unknown): FieldProblem[] {
  const shape = bodyShapeProblems(body);
  if (shape.length > 0) return shape;
  const problems = validate(eventBodySchema, body);
  const raw = body as Record<string, unknown>;
  const dataAtFault = problems.some((p) => p.field === 'data');
  if (isEventType(raw.type) && !dataAtFault) problems.push(...validate(CATALOGUE[raw.type].data, raw.data, 'data'));
  return problems;
}

/** A clean copy of a valid event body (what optional fields leave out is left out); throws InvalidInput naming every field at fault. */
export function parseEventBody(body: unknown): GovernanceEvent {
  const problems = eventBodyProblems(body);
  if (problems.length > 0) throw new InvalidInput(problems);
  const raw = body as Record<string, unknown>;
  const type = raw.type as EventType;
  return {
    type,
    effectiveDate: raw.effectiveDate,
    data: clean(CATALOGUE[type].data as Schema<unknown>, raw.data),
    source: clean(sourceSchema as Schema<unknown>, raw.source),
  } as GovernanceEvent;
}

/** Checks the data an event would have once corrected (the rules of its type, as when it was recorded). */
export function correctedDataProblems(type: EventType, data: unknown): FieldProblem[] {
  const shape = shapeProblems(data, 'data.data');
  return shape.length > 0 ? shape : validate(CATALOGUE[type].data, data, 'data.data');
}
