import type { FieldProblem } from './schema.js';

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
export function shapeProblems(value: unknown, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
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


/**
 * The problems of a request body before its schema is checked: missing, not an object, or with a
 * shape no body may have (reserved names, nesting too deep). Empty when the schema may look at it.
 */
export function bodyShapeProblems(body: unknown): FieldProblem[] {
  if (body === undefined) return [{ field: 'body', problems: ['body is missing: send a JSON object with Content-Type: application/json'] }];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [{ field: 'body', problems: ['body must be a JSON object'] }];
  return shapeProblems(body);
}
