import { uuidFromName } from '../../../libs/ids.js';
import type { FrameworkHistory } from '../domain/decider/framework.decider.js';
import { parseEventBody } from '../domain/events/event-body.js';
import type { GovernanceEvent } from '../domain/events/framework.events.js';
import { knownFacts } from '../domain/facts/known-facts.js';
import type { EventToRecord } from '../write-path/event-recorder.js';
import { IN_FRENCH, SEED_CORRECTIONS, SEED_REVISION } from './cccs13-corrections.seed.js';
import { CCCS13_SEED_V1_FINGERPRINTS } from './cccs13-v1.fingerprints.js';
import { CCCS13_ID, CCCS13_SEED, SEED_DOCUMENT } from './cccs13.seed.js';
import { canonicalJson, factFingerprint } from './fact-fingerprint.js';

/**
 * Brings a store loaded with the first version of the CCCS13 seed to the current one, without
 * rewriting anything: each fact that still says what the first version said gets a
 * `FactCorrected` (new date, data and/or source, with its reason and passage), and the facts the
 * first version did not have are recorded. Event ids are derived from the seed keys, so a second
 * start plans nothing and the corrected store answers as a store loaded with the current seed.
 */

export interface SeedUpgrade {
  /** What to record, corrections first, in one batch by the seed actor. */
  events: EventToRecord[];
  /** Seed facts the record holds otherwise than either version (corrected since by someone): left as they are. */
  leftAlone: string[];
}

/** The id of the event a seed key is loaded as (the same in every store). */
export const seedEventId = (key: string) => uuidFromName(`${CCCS13_ID}|seed|${key}`);
/** The id of the correction of a seed fact to this revision of the seed. */
export const seedCorrectionId = (key: string) => uuidFromName(`${CCCS13_ID}|seed-correction|${SEED_REVISION}|${key}`);

type FactBody = { type: string; effectiveDate: string; data: Record<string, unknown>; source: GovernanceEvent['source'] };

const NO_UPGRADE: SeedUpgrade = { events: [], leftAlone: [] };

export function planSeedUpgrade(history: FrameworkHistory): SeedUpgrade {
  if (!history.events.some((e) => e.eventId === seedEventId('framework-established'))) return NO_UPGRADE;
  const recorded = new Set(history.events.map((e) => e.eventId));
  const facts = new Map(knownFacts(history.events).facts.map((fact) => [fact.eventId, fact]));
  const corrections: EventToRecord[] = [];
  const additions: EventToRecord[] = [];
  const leftAlone: string[] = [];
  for (const { key, ...body } of CCCS13_SEED) {
    const eventId = seedEventId(key);
    const wanted = parseEventBody(body) as FactBody;
    if (!recorded.has(eventId)) {
      if (!(key in CCCS13_SEED_V1_FINGERPRINTS)) additions.push({ event: wanted as GovernanceEvent, eventId, metadata: { seedKey: key } });
      continue;
    }
    const fact = facts.get(eventId);
    if (!fact) continue; // retracted: the record says it does not hold
    const now: FactBody = { type: fact.type, effectiveDate: fact.effective.edtf, data: fact.data, source: fact.source };
    if (factFingerprint(now) === factFingerprint(wanted)) continue;
    if (factFingerprint(now) !== CCCS13_SEED_V1_FINGERPRINTS[key]) {
      leftAlone.push(key);
      continue;
    }
    corrections.push({ event: correction(key, eventId, now, wanted), eventId: seedCorrectionId(key), metadata: { seedKey: key, seedRevision: SEED_REVISION } });
  }
  return { events: [...corrections, ...additions], leftAlone };
}

/** The correction that turns `now` into `wanted`: only what differs, with why and on which passage. */
function correction(key: string, eventId: string, now: FactBody, wanted: FactBody): GovernanceEvent {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted.data)) if (canonicalJson(value) !== canonicalJson(now.data[field])) data[field] = value;
  const removed = Object.keys(now.data).filter((field) => !(field in wanted.data));
  if (removed.length > 0) throw new Error(`seed fact ${key}: a correction cannot remove ${removed.join(', ')}`);
  const dateChanged = now.effectiveDate !== wanted.effectiveDate;
  const sourceChanged = canonicalJson(now.source) !== canonicalJson(wanted.source);
  const wordsOnly =
    !dateChanged &&
    Object.keys(data).every((field) => field === 'accounts' || field === 'resolution') &&
    now.source.passage === wanted.source.passage &&
    now.source.confidence === wanted.source.confidence;
  const spec = SEED_CORRECTIONS[key];
  if (!spec && !wordsOnly) throw new Error(`seed fact ${key} changes beyond its wording: give the reason in SEED_CORRECTIONS`);
  const inFrench = now.source.note !== wanted.source.note || 'accounts' in data || 'resolution' in data;
  const reason = [spec?.reason, inFrench ? IN_FRENCH : undefined].filter((r) => r !== undefined).join(' ');
  const confidence = spec?.confidence ?? 'stated';
  return parseEventBody({
    type: 'FactCorrected',
    effectiveDate: wanted.effectiveDate,
    data: {
      eventId,
      ...(dateChanged ? { effectiveDate: wanted.effectiveDate } : {}),
      ...(Object.keys(data).length > 0 ? { data } : {}),
      ...(sourceChanged ? { source: wanted.source } : {}),
      reason,
    },
    source: {
      document: SEED_DOCUMENT,
      passage: spec?.passage ?? wanted.source.passage,
      confidence,
      ...(confidence === 'inferred' ? { note: reason } : {}),
    },
  });
}
