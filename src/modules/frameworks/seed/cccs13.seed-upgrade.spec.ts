import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decide, evolve, initialHistory, type FrameworkHistory } from '../domain/decider/framework.decider.js';
import type { GovernanceEvent, RecordedEvent } from '../domain/events/framework.events.js';
import { knownFacts } from '../domain/facts/known-facts.js';
import { stateAt } from '../domain/state/state-at.js';
import { buildTimeline } from '../domain/timeline/fold.js';
import { CCCS13_SEED_V1_FINGERPRINTS } from './cccs13-v1.fingerprints.js';
import { planSeedUpgrade, seedCorrectionId, seedEventId } from './cccs13.seed-upgrade.js';
import { CCCS13_SEED, SEED_DOCUMENT } from './cccs13.seed.js';
import { factFingerprint } from './fact-fingerprint.js';

/** The export of a store loaded with the first version of the seed (kept as a test fixture). */
const V1_LINES: (RecordedEvent & { metadata: { seedKey: string } })[] = readFileSync(path.resolve(process.cwd(), 'test/fixtures/cccs13-seed-v1.export.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));

const document = readFileSync(path.resolve(process.cwd(), SEED_DOCUMENT), 'utf8');

let clock = Date.parse('2027-01-01T00:00:00.000Z');
function append(history: FrameworkHistory, event: GovernanceEvent, eventId: string): FrameworkHistory {
  const decision = decide(event.type === 'FrameworkEstablished' ? { type: 'EstablishFramework', event } : { type: 'RecordEvent', event }, history);
  if (!decision.ok) throw new Error(`${eventId} refused: ${decision.refusal.message}`);
  clock += 1000;
  const revision = history.revision + 1;
  return evolve(history, { ...event, eventId, frameworkId: 'cccs13', revision, position: revision + 1, recordedAt: new Date(clock).toISOString(), recordedBy: 'seed' } as RecordedEvent);
}

const v1History = (): FrameworkHistory => V1_LINES.map((l) => ({ ...l, frameworkId: 'cccs13' }) as RecordedEvent).reduce(evolve, initialHistory('cccs13'));
const freshHistory = (): FrameworkHistory => CCCS13_SEED.reduce((h, { key, ...event }) => append(h, event as GovernanceEvent, seedEventId(key)), initialHistory('cccs13'));
const upgraded = (history: FrameworkHistory) => planSeedUpgrade(history).events.reduce((h, e) => append(h, e.event, e.eventId!), history);

const DAYS = ['1990-01-01', '1995-01-01', '2001-06-30', '2004-06-30', '2006-06-30', '2007-06-30', '2009-06-30', '2012-06-30', '2013-06-30', '2016-06-30', '2018-01-01', '2030-01-01'];

describe('bringing a store loaded with the first CCCS13 seed to the current one', () => {
  it('knows the first version by fingerprints that match a store loaded with it', () => {
    expect(V1_LINES.map((l) => l.metadata.seedKey)).toEqual(Object.keys(CCCS13_SEED_V1_FINGERPRINTS));
    for (const line of V1_LINES) {
      expect([line.metadata.seedKey, factFingerprint(line)]).toEqual([line.metadata.seedKey, CCCS13_SEED_V1_FINGERPRINTS[line.metadata.seedKey]]);
      expect(line.eventId).toBe(seedEventId(line.metadata.seedKey));
    }
  });

  it('plans nothing for a store loaded with the current seed, nor for a CCCS13 history that is not the seed’s', () => {
    expect(planSeedUpgrade(freshHistory())).toEqual({ events: [], leftAlone: [] });
    const other = append(initialHistory('cccs13'), { type: 'FrameworkEstablished', effectiveDate: '2000', data: { name: 'Autre' }, source: { document: 'x', passage: 'y', confidence: 'stated' } }, 'other');
    expect(planSeedUpgrade(other)).toEqual({ events: [], leftAlone: [] });
  });

  it('corrects every changed fact once, with its reason in French and a passage of the document, then records the new facts', () => {
    const plan = planSeedUpgrade(v1History());
    const corrections = plan.events.filter((e) => e.event.type === 'FactCorrected');
    const added = plan.events.filter((e) => e.event.type !== 'FactCorrected');
    expect(plan.leftAlone).toEqual([]);
    // Every fact of the first version had its notes in English: every one is corrected.
    expect(corrections).toHaveLength(V1_LINES.length);
    expect(added.map((e) => e.metadata?.seedKey)).toEqual(CCCS13_SEED.filter((e) => !(e.key in CCCS13_SEED_V1_FINGERPRINTS)).map((e) => e.key));
    expect(added.map((e) => e.event.type)).toEqual(['ItemAttested', 'ItemAttested', 'ItemAttested']);
    for (const { event, eventId, metadata } of corrections) {
      if (event.type !== 'FactCorrected') throw new Error('unreachable');
      const key = metadata!.seedKey as string;
      expect(eventId).toBe(seedCorrectionId(key));
      expect(event.data.eventId).toBe(seedEventId(key));
      expect([key, document.includes(event.source.passage)]).toEqual([key, true]);
      expect(event.data.reason).toMatch(/[éèàçô]|français/);
      expect(event.data.reason).not.toMatch(/\b(the|is|are|and)\b/);
    }
    const byKey = (key: string) => corrections.find((e) => e.metadata?.seedKey === key)!.event as Extract<GovernanceEvent, { type: 'FactCorrected' }>;
    expect(byKey('mission-sociale-launched').data).toMatchObject({ effectiveDate: '2000-05-19/2003' });
    expect(byKey('financement-112-cucs-adopted').data.data).toMatchObject({ lastsFor: { kind: 'convention', id: 'cc-2008' } });
    expect(byKey('financement-112-cucs-adopted').source.passage).toBe('Sur la période de la Convention cadre 2008 – 2010');
    expect(byKey('cc-2015-signed').data.data).toMatchObject({ partiesCarriedOverFrom: 'cc-2011', supersessionConfidence: 'inferred' });
    expect(byKey('cc-2015-signed').data.source).toMatchObject({ confidence: 'stated' });
    // Only what differs is sent: the identity and the unchanged fields stay out.
    expect(Object.keys(byKey('cc-2015-signed').data.data!).sort()).toEqual(['parties', 'partiesCarriedOverFrom', 'supersessionConfidence']);
  });

  it('is accepted by the decider, leaves the facts as the current seed says them, and plans nothing on the next start', () => {
    const after = upgraded(v1History());
    const facts = new Map(knownFacts(after.events).facts.map((f) => [f.eventId, f]));
    for (const { key, ...event } of CCCS13_SEED) {
      const fact = facts.get(seedEventId(key))!;
      const now = { type: fact.type, effectiveDate: fact.effective.edtf, data: fact.data, source: fact.source };
      expect([key, factFingerprint(now)]).toEqual([key, factFingerprint(event)]);
    }
    expect(planSeedUpgrade(after)).toEqual({ events: [], leftAlone: [] });
  });

  it('answers as a store loaded with the current seed, on every day, and as before on the record as it stood', () => {
    const before = v1History();
    const after = upgraded(before);
    const [corrected, fresh, old] = [after, freshHistory(), before].map((h) => buildTimeline(knownFacts(h.events).facts));
    for (const day of DAYS) expect([day, stateAt(corrected, day)]).toEqual([day, stateAt(fresh, day)]);
    const knownBefore = buildTimeline(knownFacts(after.events, before.events.at(-1)!.recordedAt).facts);
    for (const day of DAYS) expect([day, stateAt(knownBefore, day)]).toEqual([day, stateAt(old, day)]);
    expect(stateAt(old, '2012-06-30').instruments.map((i) => i.id)).toContain('financement-112-cucs');
    expect(stateAt(corrected, '2012-06-30').instruments.map((i) => i.id)).not.toContain('financement-112-cucs');
  });

  it('leaves alone a seed fact someone corrected since, and corrects the others', () => {
    let history = v1History();
    const target = seedEventId('site-internet-adopted');
    history = append(
      history,
      { type: 'FactCorrected', effectiveDate: '2012', data: { eventId: target, effectiveDate: '2012', reason: 'date du compte rendu' }, source: { document: 'compte rendu', passage: 'site ouvert en 2012', confidence: 'stated' } },
      '00000000-0000-4000-8000-000000000001',
    );
    const plan = planSeedUpgrade(history);
    expect(plan.leftAlone).toEqual(['site-internet-adopted']);
    expect(plan.events.some((e) => e.metadata?.seedKey === 'site-internet-adopted')).toBe(false);
    expect(plan.events.filter((e) => e.event.type === 'FactCorrected')).toHaveLength(V1_LINES.length - 1);
    const after = upgraded(history);
    const site = stateAt(buildTimeline(knownFacts(after.events).facts), '2013-01-01').instruments.find((i) => i.id === 'site-internet')!;
    expect(site.sinceEdtf).toBe('2012');
  });
});
