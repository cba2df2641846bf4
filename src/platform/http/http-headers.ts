import { InvalidInput } from '../../libs/app-errors.js';

/** `If-Match: 12` or `If-Match: "12"` → 12; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (!/^(-1|0|[1-9]\d{0,15})$/.test(value)) {
    throw new InvalidInput([{ field: 'If-Match', problems: ['If-Match must be the framework revision, e.g. "12"'] }]);
  }
  return Number(value);
}

/** Idempotency-Key: 1 to 200 visible ASCII characters. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new InvalidInput([{ field: 'Idempotency-Key', problems: ['Idempotency-Key must be 1 to 200 visible ASCII characters'] }]);
  }
  return header;
}
