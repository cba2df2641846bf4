/**
 * Whether two plain values have the same JSON text (`JSON.stringify(a) === JSON.stringify(b)`),
 * without making either text: keys in the same order, undefined and function members left out of
 * objects, written `null` in arrays, non-finite numbers as `null`. For the views of the state
 * (plain objects, arrays, strings, numbers, booleans, null), compared day after day.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = jsonType(a);
  const tb = jsonType(b);
  if (ta !== tb) return false;
  switch (ta) {
    case 'null':
    case 'absent':
      return true;
    case 'number':
      return (a as number) === (b as number);
    case 'string':
    case 'boolean':
      return false; // a !== b
    case 'array': {
      const [x, y] = [a as unknown[], b as unknown[]];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!jsonEqual(inArray(x[i]), inArray(y[i]))) return false;
      return true;
    }
    default: {
      const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
      const kx = presentKeys(x);
      const ky = presentKeys(y);
      if (kx.length !== ky.length) return false;
      for (let i = 0; i < kx.length; i++) {
        if (kx[i] !== ky[i] || !jsonEqual(x[kx[i]], y[ky[i]])) return false;
      }
      return true;
    }
  }
}

type JsonType = 'null' | 'absent' | 'number' | 'string' | 'boolean' | 'array' | 'object';

/** What JSON makes of a value: `absent` is left out of an object (undefined, a function, a symbol). */
function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return 'absent';
    case 'number':
      return Number.isFinite(value) ? 'number' : 'null';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'object':
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw new TypeError('jsonEqual: values with toJSON are not compared');
      return Array.isArray(value) ? 'array' : 'object';
    default:
      throw new TypeError(`jsonEqual: ${typeof value} is not JSON`);
  }
}

/** In an array, JSON writes what an object leaves out as null. */
const inArray = (value: unknown) => (jsonType(value) === 'absent' ? null : value);

function presentKeys(object: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const key of Object.keys(object)) if (jsonType(object[key]) !== 'absent') keys.push(key);
  return keys;
}
