import { NotFoundException } from '@nestjs/common';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { InvalidInput } from '../../../libs/app-errors.js';

/** Query parameters of the transparency log's reads: positions and tree sizes, whole numbers. */

const WHOLE = /^\d{1,16}$/;

/** A whole number ≥ 0 written in decimal digits (no sign, no exponent), within the safe integers. */
export function isWholeNumber(value: unknown): value is string {
  return typeof value === 'string' && WHOLE.test(value) && Number.isSafeInteger(Number(value));
}

export function IsWholeNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isWholeNumber',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be a whole number (0, 1, 2…)', ...options },
      validator: { validate: (value: unknown) => isWholeNumber(value) },
    });
}

/** 400 naming `field`. */
export function badField(field: string, problem: string): InvalidInput {
  return new InvalidInput([{ field, problems: [problem] }]);
}

/** A size beyond the latest signed head is refused: a partner can only check what was signed. */
export function checkSignedSize(field: string, size: number, signed: number): void {
  if (size > signed) throw badField(field, `${field} must be at most ${signed}: the latest signed tree head covers ${signed} events`);
}

/** 404: no event of the log at that position is in the signed tree. */
export class NoLogEntry extends NotFoundException {
  constructor(position: number) {
    super(`no event at position ${position} in the signed tree (GET /api/log/head gives its size)`);
  }
}
