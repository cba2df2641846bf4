import { InvalidInput } from '../../libs/app-errors.js';

/**
 * `If-Match: 12` or `If-Match: "12"` → 12; absent → undefined. A revision is a safe integer
 * (`"9999999999999999"` would lose precision: refused). `field` names it in the refusal (`--if-match` on the command line).
 */
export function parseIfMatch(header: string | undefined, field = 'If-Match'): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (!/^(-1|0|[1-9]\d{0,15})$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidInput([{ field, problems: [`${field} must be the framework revision, e.g. "12"`] }]);
  }
  return Number(value);
}

/** Idempotency-Key: 1 to 200 visible ASCII characters. */
export function parseIdempotencyKey(header: string | undefined, field = 'Idempotency-Key'): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new InvalidInput([{ field, problems: [`${field} must be 1 to 200 visible ASCII characters`] }]);
  }
  return header;
}
