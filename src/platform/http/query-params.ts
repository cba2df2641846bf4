import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator, type ValidationOptions } from 'class-validator';
import { isDay } from '../../modules/frameworks/domain/dates/edtf-date.js';

/** Query parameters shared by the read side: days `YYYY-MM-DD` and instants (ISO 8601). */

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * A strict ISO 8601 instant: `YYYY-MM-DD`, optionally `THH:mm`, `:ss`, a fraction and `Z` or an
 * offset. The day must exist (29 February only in leap years), hours are below 24, minutes and
 * seconds below 60, an offset below 24 hours — where `Date.parse` would roll 2001-02-30 over to
 * 2 March, or 24:00 to the next day.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (match === null || !isDay(match[1])) return false;
  const [hours, minutes, seconds, , offsetHours, offsetMinutes] = match.slice(2).map((part) => (part === undefined ? 0 : Number(part)));
  if (hours > 23 || minutes > 59 || seconds > 59 || offsetHours > 23 || offsetMinutes > 59) return false;
  return Number.isFinite(Date.parse(value));
}

/** The canonical form of an instant, as the store writes `recordedAt` (so that strings compare). */
export function normalizeInstant(value: string): string {
  return new Date(Date.parse(value)).toISOString();
}

export function IsDay(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDay',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be a date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isDay(value) },
    });
}

export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be an ISO 8601 instant, e.g. 2026-01-01T00:00:00Z', ...options },
      validator: { validate: (value: unknown) => isInstant(value) },
    });
}

/** The `knownAt` parameter every read takes: the record as it stood at that instant. */
export class KnownAtParams {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-01-01T00:00:00Z',
    description: 'The record as it stood at this instant (ISO 8601); default: now',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;

  /** `knownAt` in the form the store writes instants, or undefined. */
  static instant(params: KnownAtParams): string | undefined {
    return params.knownAt === undefined ? undefined : normalizeInstant(params.knownAt);
  }
}
