/**
 * A small validator for JSON values, with the TypeScript type and the JSON Schema (for OpenAPI)
 * of what it accepts derived from one description. Plain TypeScript, no dependencies.
 *
 *   const party = object({ id: pattern(ID, 'a lowercase id'), name: text(300), kind: oneOf(KINDS) });
 *   type Party = Infer<typeof party>;             // { id: string; name: string; kind: Kind }
 *   const problems = validate(party, value, 'data.party');   // [{ field, problems }]
 *
 * `optional(x)` accepts a missing property, and `null` as missing (as clients send it).
 * Objects refuse unknown properties. Checks never throw and never recurse into what they refuse.
 */

export interface FieldProblem {
  /** Path of the field at fault: `data.parties.0.kind`; the prefix alone (or `body`) for the whole value. */
  field: string;
  problems: string[];
}

export interface Schema<T> {
  /** Checks `value` found at `field`; reports problems into `out`; true when `value` is accepted. */
  check(value: unknown, field: string, out: FieldProblem[]): boolean;
  /** JSON Schema (OpenAPI 3.0 dialect) of the accepted values. */
  json(): Record<string, unknown>;
  /** Phantom: the type of the accepted values. */
  readonly type?: T;
}

export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
  readonly inner: Schema<T>;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type InferShape<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

const name = (field: string) => field || 'body';
const report = (out: FieldProblem[], field: string, problem: string): false => {
  out.push({ field: name(field), problems: [problem] });
  return false;
};
const join = (field: string, key: string | number) => (field ? `${field}.${key}` : String(key));

/** A string of `min` (default 1) to `max` characters. */
export function text(max: number, options: { min?: number; description?: string; example?: string } = {}): Schema<string> {
  const min = options.min ?? 1;
  return {
    check(value, field, out) {
      if (typeof value !== 'string') return report(out, field, `${name(field)} must be a string`);
      if (value.length < min) return report(out, field, min === 1 ? `${name(field)} should not be empty` : `${name(field)} must be at least ${min} characters`);
      if (value.length > max) return report(out, field, `${name(field)} must be ${max} characters at most`);
      return true;
    },
    json: () => ({ type: 'string', minLength: min, maxLength: max, ...doc(options) }),
  };
}

/** A string matching `re`; `what` completes "<field> must be …". */
export function pattern(re: RegExp, what: string, options: { description?: string; example?: string } = {}): Schema<string> {
  return {
    check(value, field, out) {
      if (typeof value !== 'string' || !re.test(value)) return report(out, field, `${name(field)} must be ${what}`);
      return true;
    },
    json: () => ({ type: 'string', pattern: re.source, ...doc(options) }),
  };
}

/** A string accepted by `accept`; `what` completes "<field> must be …". */
export function format(accept: (value: string) => boolean, what: string, options: { format?: string; description?: string; example?: string } = {}): Schema<string> {
  return {
    check(value, field, out) {
      if (typeof value !== 'string' || !accept(value)) return report(out, field, `${name(field)} must be ${what}`);
      return true;
    },
    json: () => ({ type: 'string', ...(options.format ? { format: options.format } : {}), ...doc(options) }),
  };
}

/** One of the given strings. */
export function oneOf<const V extends string>(values: readonly V[], options: { description?: string } = {}): Schema<V> {
  const allowed = new Set<string>(values);
  return {
    check(value, field, out) {
      if (typeof value !== 'string' || !allowed.has(value)) {
        return report(out, field, `${name(field)} must be one of the following values: ${values.join(', ')}`);
      }
      return true;
    },
    json: () => ({ type: 'string', enum: [...values], ...doc(options) }),
  };
}

/** A string, a number or a boolean (a figure kept as data). */
export function scalar(): Schema<string | number | boolean> {
  return {
    check(value, field, out) {
      const ok = typeof value === 'string' ? value.length <= 4000 : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
      return ok || report(out, field, `${name(field)} must be a string (4000 characters at most), a finite number or a boolean`);
    },
    json: () => ({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }),
  };
}

export function array<T>(item: Schema<T>, options: { min?: number; max: number; description?: string }): Schema<T[]> & { item: Schema<T> } {
  const min = options.min ?? 0;
  return {
    item,
    check(value, field, out) {
      if (!Array.isArray(value)) return report(out, field, `${name(field)} must be an array`);
      if (value.length < min) return report(out, field, `${name(field)} must contain at least ${min} element${min > 1 ? 's' : ''}`);
      if (value.length > options.max) return report(out, field, `${name(field)} must contain ${options.max} elements at most`);
      let ok = true;
      value.forEach((element, i) => {
        ok = item.check(element, join(field, i), out) && ok;
      });
      return ok;
    },
    json: () => ({ type: 'array', items: item.json(), ...(min > 0 ? { minItems: min } : {}), maxItems: options.max, ...doc(options) }),
  };
}

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    optional: true,
    inner,
    check: (value, field, out) => value === undefined || value === null || inner.check(value, field, out),
    json: () => inner.json(),
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with exactly these properties (optional ones may be missing); others are refused. */
export function object<S extends Shape>(shape: S, options: { description?: string; title?: string } = {}): Schema<InferShape<S>> & { shape: S } {
  const keys = Object.keys(shape);
  return {
    shape,
    check(value, field, out) {
      if (!isPlainObject(value)) return report(out, field, `${name(field)} must be a JSON object`);
      let ok = true;
      for (const key of keys) ok = shape[key].check(Object.hasOwn(value, key) ? value[key] : undefined, join(field, key), out) && ok;
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key)) ok = report(out, join(field, key), `${join(field, key)} is not allowed`);
      }
      return ok;
    },
    json: () => ({
      type: 'object',
      ...(options.title ? { title: options.title } : {}),
      properties: Object.fromEntries(keys.map((key) => [key, shape[key].json()])),
      required: keys.filter((key) => !('optional' in shape[key])),
      additionalProperties: false,
      ...doc(options),
    }),
  };
}

/** An object of any keys whose values all match `values` (at most `maxKeys` of them). */
export function record<T>(values: Schema<T>, options: { maxKeys: number; description?: string }): Schema<Record<string, T>> {
  return {
    check(value, field, out) {
      if (!isPlainObject(value)) return report(out, field, `${name(field)} must be a JSON object`);
      const keys = Object.keys(value);
      if (keys.length > options.maxKeys) return report(out, field, `${name(field)} must have ${options.maxKeys} keys at most`);
      let ok = true;
      for (const key of keys) ok = values.check(value[key], join(field, key), out) && ok;
      return ok;
    },
    json: () => ({ type: 'object', additionalProperties: values.json(), ...doc(options) }),
  };
}

/** Any JSON object (its content is checked elsewhere). */
export function anyObject(options: { description?: string } = {}): Schema<Record<string, unknown>> {
  return {
    check: (value, field, out) => isPlainObject(value) || report(out, field, `${name(field)} must be a JSON object`),
    json: () => ({ type: 'object', additionalProperties: true, ...doc(options) }),
  };
}

/**
 * A copy of an accepted value without what `optional` reads as missing (properties set to null),
 * so that the value has exactly the type the schema describes.
 */
export function clean<T>(schema: Schema<T>, value: T): T {
  const s = schema as Schema<unknown> & { shape?: Shape; item?: Schema<unknown>; inner?: Schema<unknown> };
  if (s.inner) return value === null || value === undefined ? (undefined as T) : (clean(s.inner, value) as T);
  if (s.item && Array.isArray(value)) return value.map((element: unknown) => clean(s.item!, element)) as T;
  if (s.shape && isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value)) {
      const cleaned = clean(s.shape[key], element);
      if (cleaned !== undefined) copy[key] = cleaned;
    }
    return copy as T;
  }
  return (typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value) as T;
}

/** The problems of `value` against `schema`, each field named under `prefix` (none: accepted). */
export function validate(schema: Schema<unknown>, value: unknown, prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  schema.check(value, prefix, out);
  return out;
}

function doc(options: { description?: string; example?: string }): Record<string, unknown> {
  return {
    ...(options.description ? { description: options.description } : {}),
    ...(options.example ? { example: options.example } : {}),
  };
}
