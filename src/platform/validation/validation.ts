import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidInput, type FieldError } from '../../libs/app-errors.js';

/**
 * Names that are never a field of ours: given to the transformer and the validator, they reach
 * the prototype machinery. `__proto__` replaced the instance's prototype and slipped past the
 * whitelist; `constructor` made the transformer throw; the names of Object.prototype's methods
 * taking arguments (`hasOwnProperty`, `isPrototypeOf`, `__defineGetter__`…) passed the whitelist,
 * which looks them up in a plain object, and were stored.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
/** Deeper than this, a value is refused before it is transformed (no DTO nests more than a few levels). */
export const MAX_DEPTH = 32;
/** At most this many structural problems are named (a body holds at most 256 kB of them). */
const MAX_SHAPE_PROBLEMS = 20;

/**
 * What must be refused before any transformation: reserved names anywhere, and nesting deeper
 * than MAX_DEPTH (the transformer recurses: ten thousand levels overflowed the stack). Walks the
 * value iteratively, shallow fields first; names each field at fault (`data.parties.0.__proto__`).
 */
export function shapeProblems(value: unknown, prefix = ''): FieldError[] {
  const problems: FieldError[] = [];
  const queue: { node: unknown; path: string; depth: number }[] = [{ node: value, path: prefix, depth: 0 }];
  for (let i = 0; i < queue.length && problems.length < MAX_SHAPE_PROBLEMS; i++) {
    const { node, path, depth } = queue[i];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      const field = path || 'body';
      problems.push({ field, problems: [`${field} is nested too deeply: ${MAX_DEPTH} levels at most`] });
      continue;
    }
    for (const key of Object.keys(node)) {
      const field = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) problems.push({ field, problems: [`${field} is not allowed (reserved name)`] });
      else queue.push({ node: (node as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return problems;
}

/** Validates a plain value against a class-validator DTO: unknown properties are refused. */
export function validateDto<T extends object>(dto: new () => T, value: unknown, prefix = ''): { value: T; errors: FieldError[] } {
  const field = prefix || 'body';
  if (value === undefined && !prefix) {
    return { value: value as unknown as T, errors: [{ field, problems: ['body is missing: send a JSON object with Content-Type: application/json'] }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { value: value as T, errors: [{ field, problems: [`${field} must be a JSON object`] }] };
  }
  const shape = shapeProblems(value, prefix);
  if (shape.length > 0) return { value: value as T, errors: shape };
  const instance = plainToInstance(dto, value, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { value: instance, errors: flatten(errors, prefix) };
}

export function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      result.push({
        field,
        problems: Object.values(error.constraints).map((m) => m.replace(/^property (\S+) should not exist$/, `${field} is not allowed`)),
      });
    }
    if (error.children?.length) result.push(...flatten(error.children, field));
  }
  return result;
}

export function assertValid<T extends object>(dto: new () => T, value: unknown, prefix = ''): T {
  const { value: instance, errors } = validateDto(dto, value, prefix);
  if (errors.length > 0) throw new InvalidInput(errors);
  return instance;
}
