import { sha256 } from '../../../libs/ids.js';

/** JSON with the keys of every object sorted: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fact as the record says it (type, date, data, source): its SHA-256, whatever the order of its keys. */
export function factFingerprint(fact: { type: string; effectiveDate: string; data: unknown; source: unknown }): string {
  return sha256(canonicalJson({ type: fact.type, effectiveDate: fact.effectiveDate, data: fact.data, source: fact.source }));
}
