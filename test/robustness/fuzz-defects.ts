import fc from 'fast-check';
import { isEdtf } from '../../src/modules/frameworks/domain/dates/edtf-date.js';
import { SOURCE } from './support.js';

/** For the fuzzing of the HTTP API (fuzz.e2e.spec.ts): valid bodies, and how to spoil one of their fields. */

/** The framework the bodies are posted to (the seed's). */
export const FRAMEWORK = 'cccs13';

// -------------------------------------------------------------------------------------------------
// Valid bodies, and how to spoil one of their fields.

interface Template {
  path: string;
  body: Record<string, unknown>;
  /** Paths whose content is free-form (checked later, against the event corrected, or not at all). */
  freeForm: string[];
}

const EVENTS_PATH = `/api/frameworks/${FRAMEWORK}/events`;
export const TEMPLATES: Template[] = [
  { path: EVENTS_PATH, body: { type: 'MilestoneNoted', effectiveDate: '2016-03', data: { milestoneId: 'm-1', name: 'Site', description: 'd' }, source: { ...SOURCE, note: 'n' } }, freeForm: [] },
  {
    path: EVENTS_PATH,
    body: {
      type: 'ConventionSigned',
      effectiveDate: '2019',
      data: { conventionId: 'cc-2019', name: 'Convention 2019', start: '2019', end: '2021', parties: [{ id: 'etat', name: 'État', kind: 'state' }, { id: 'caf13', name: 'CAF', kind: 'family-allowance-fund' }], supersedes: 'cc-2015' },
      source: SOURCE,
    },
    freeForm: [],
  },
  { path: EVENTS_PATH, body: { type: 'PartyJoined', effectiveDate: '2016', data: { conventionId: 'cc-2015', party: { id: 'aix', name: 'Aix', kind: 'commune' } }, source: SOURCE }, freeForm: [] },
  { path: EVENTS_PATH, body: { type: 'InstrumentAdopted', effectiveDate: '2016', data: { instrumentId: 'rule', name: 'Rule', kind: 'funding-rule', figures: { ceiling: 112 }, description: 'd' }, source: SOURCE }, freeForm: ['data.figures'] },
  {
    path: EVENTS_PATH,
    body: {
      type: 'SourceConflictNoted',
      effectiveDate: '2016',
      data: { conflictId: 'c-1', subject: 'When', about: [{ kind: 'convention', id: 'cc-2015' }], accounts: [{ claim: 'a', passage: 'p' }, { claim: 'b', passage: 'q' }], resolution: 'r' },
      source: SOURCE,
    },
    freeForm: [],
  },
  { path: EVENTS_PATH, body: { type: 'ReviewConducted', effectiveDate: '2016', data: { reviewId: 'r-1', name: 'Review', findings: ['f1', 'f2'], conductedBy: 'x' }, source: SOURCE }, freeForm: [] },
  { path: EVENTS_PATH, body: { type: 'FactCorrected', effectiveDate: '2016', data: { eventId: '00000000-0000-4000-8000-000000000000', effectiveDate: '2016', data: { name: 'x' }, reason: 'r' }, source: SOURCE }, freeForm: ['data.data'] },
  { path: EVENTS_PATH, body: { type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: '2018' }, source: SOURCE }, freeForm: [] },
  { path: '/api/frameworks', body: { id: 'fuzz-new', name: 'New', description: 'd', territory: 't', effectiveDate: '2005', source: SOURCE }, freeForm: [] },
];

/** Optional fields: `null` there means absent, not a defect. */
const OPTIONAL = new Set(['description', 'note', 'end', 'supersedes', 'figures', 'resolution', 'findings', 'conductedBy', 'territory', 'effectiveDate', 'source', 'data']);
const REQUIRED_AT_TOP = new Set(['type', 'effectiveDate', 'data', 'source']);

/** Every (path, parent, key) of a body, shallow first. */
function nodes(body: unknown, freeForm: string[]): { path: string; parent: any; key: string; value: unknown }[] {
  const out: { path: string; parent: any; key: string; value: unknown }[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      out.push({ path: childPath, parent: value, key, value: child });
      if (!freeForm.includes(childPath)) walk(child, childPath);
    }
  };
  walk(body, '');
  return out;
}

function objectsOf(body: unknown, freeForm: string[]): { path: string; node: Record<string, unknown> }[] {
  return [{ path: '', node: body as Record<string, unknown> }, ...nodes(body, freeForm).filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value) && !freeForm.includes(n.path)).map((n) => ({ path: n.path, node: n.value as Record<string, unknown> }))];
}

const isOptional = (path: string, body: Record<string, unknown>) => {
  if ('type' in body && REQUIRED_AT_TOP.has(path)) return false; // the envelope of an event body
  return OPTIONAL.has(path.split('.').at(-1)!);
};

/** A defect maker: spoils the body in place and returns the path of the field at fault (null: none applicable). */
type Defect = (body: Record<string, unknown>, pick: number, freeForm: string[]) => string | null;

const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 2 }));
const unknownKey = fc.oneof(fc.string({ minLength: 1, maxLength: 10 }).map((s) => `x-${s}`), fc.constantFrom('toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'));
const reservedKey = fc.constantFrom('__proto__', 'constructor', 'prototype');
const anyJson = fc.jsonValue({ maxDepth: 2 });

export const defect: fc.Arbitrary<Defect> = fc.oneof(
  // A string field given another type.
  notString.map<Defect>((replacement) => (body, pick, freeForm) => {
    const strings = nodes(body, freeForm).filter((n) => typeof n.value === 'string');
    const target = strings[pick % strings.length];
    if (!target) return null;
    target.parent[target.key] = replacement;
    return target.path;
  }),
  // An object or array field given a scalar.
  fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean()).map<Defect>((replacement) => (body, pick, freeForm) => {
    const containers = nodes(body, freeForm).filter((n) => n.value !== null && typeof n.value === 'object');
    const target = containers[pick % containers.length];
    if (!target) return null;
    target.parent[target.key] = replacement;
    return target.path;
  }),
  // A required field missing.
  fc.constant<Defect>((body, pick, freeForm) => {
    const required = nodes(body, freeForm).filter((n) => !Array.isArray(n.parent) && !isOptional(n.path, body));
    const target = required[pick % required.length];
    if (!target) return null;
    delete target.parent[target.key];
    return target.path;
  }),
  // An unknown property.
  fc.tuple(unknownKey, anyJson).map<Defect>(([key, value]) => (body, pick, freeForm) => {
    const objects = objectsOf(body, freeForm);
    const target = objects[pick % objects.length];
    target.node[key] = value;
    return target.path ? `${target.path}.${key}` : key;
  }),
  // A reserved name, anywhere (free-form objects included).
  fc.tuple(reservedKey, anyJson).map<Defect>(([key, value]) => (body, pick) => {
    const objects = objectsOf(body, []);
    const target = objects[pick % objects.length];
    Object.defineProperty(target.node, key, { value, enumerable: true, configurable: true, writable: true });
    return target.path ? `${target.path}.${key}` : key;
  }),
  // Nesting deeper than any body needs, anywhere.
  fc.integer({ min: 40, max: 400 }).map<Defect>((levels) => (body, pick) => {
    const all = nodes(body, []);
    const target = all[pick % all.length];
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = { a: value };
    target.parent[target.key] = value;
    return target.path;
  }),
  // An enumerated or formatted field given a string it does not accept.
  fc.string({ maxLength: 12 }).map<Defect>((text) => (body, pick, freeForm) => {
    const formatted = nodes(body, freeForm).filter((n) => typeof n.value === 'string' && /(^|\.)(type|kind|confidence|effectiveDate|start|end|newEnd|id|conventionId|milestoneId|instrumentId|conflictId|reviewId|eventId|supersedes)$/.test(n.path));
    const target = formatted[pick % formatted.length];
    if (!target) return null;
    const spoiled = `${text} !X`; // a space, a capital and a bang: no id, date, enum or type accepts it
    if (/effectiveDate|start|end|newEnd/.test(target.key) && isEdtf(spoiled)) return null;
    target.parent[target.key] = spoiled;
    return target.path;
  }),
);
