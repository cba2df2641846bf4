import { instanceToPlain } from 'class-transformer';
import type { GovernanceEvent } from '../../domain/events/framework.events.js';
import { InvalidInput } from '../../../../libs/app-errors.js';
import { validateDto } from '../../../../platform/validation/validation.js';
import { DATA_DTO, EventBodyDto } from './event-body.request.dto.js';

/**
 * Checks the shape of an event body — the envelope, then the data of its type — and returns
 * a clean copy (unknown properties refused). Throws InvalidInput naming every field at fault.
 */
export function validateEventBody(body: unknown): GovernanceEvent {
  const envelope = validateDto(EventBodyDto, body);
  const errors = [...envelope.errors];
  // Not an object (missing, text, an array...): there is nothing more to look at.
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidInput(errors);
  const raw = body as Record<string, unknown>;
  const about = (field: string) => errors.some((e) => e.field === field || e.field.startsWith(`${field}.`));
  const dataDto =
    about('type') || typeof raw.type !== 'string' || !Object.hasOwn(DATA_DTO, raw.type) ? undefined : DATA_DTO[raw.type as keyof typeof DATA_DTO];
  let data: Record<string, unknown> | undefined;
  if (dataDto && !about('data')) {
    const checked = validateDto(dataDto, raw.data, 'data');
    errors.push(...checked.errors);
    data = JSON.parse(JSON.stringify(raw.data));
  }
  if (errors.length > 0) throw new InvalidInput(errors);
  const source = instanceToPlain(envelope.value.source) as GovernanceEvent['source'];
  return {
    type: raw.type,
    effectiveDate: raw.effectiveDate,
    data,
    source: JSON.parse(JSON.stringify(source)),
  } as GovernanceEvent;
}

/** Checks the data an event would have once corrected (same rules as when it was recorded). */
export function validateCorrectedData(type: GovernanceEvent['type'], data: unknown): void {
  const checked = validateDto(DATA_DTO[type], data, 'data.data');
  if (checked.errors.length > 0) throw new InvalidInput(checked.errors);
}
