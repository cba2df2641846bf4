/**
 * Canonical JSON: the text JSON.stringify would give, with the members of every object sorted
 * by key (UTF-16 code units, as Array.prototype.sort compares strings) and no whitespace — the
 * ordering and number/string forms of RFC 8785 (JCS) for the values a JSON round trip yields.
 * Two values that are equal once serialized and parsed again have the same canonical text,
 * whatever the order their keys were written in.
 *
 * As in JSON.stringify: members whose value is undefined, a function or a symbol are left out
 * (null in arrays), non-finite numbers are null, `toJSON` is honoured. A bigint, a cycle or a
 * top-level value with no JSON form is refused (TypeError).
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, '', new Set());
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

function write(input: unknown, key: string, ancestors: Set<object>): string | undefined {
  let value = input;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: the value is cyclic');
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item, i) => write(item, String(i), ancestors) ?? 'null').join(',')}]`;
  } else {
    const members: string[] = [];
    for (const name of Object.keys(object).sort()) {
      const member = write((object as Record<string, unknown>)[name], name, ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(name)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  ancestors.delete(object);
  return text;
}
