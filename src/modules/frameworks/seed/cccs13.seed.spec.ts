import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parseEdtf } from '../domain/dates/edtf-date.js';
import { EVENT_TYPES, PARTY_KINDS, type EventDataByType, type EventType } from '../domain/events/framework.events.js';
import { CCCS13_SEED, SEED_DOCUMENT, type SeedEvent } from './cccs13.seed.js';

/** The source document is kept with the project (`seeds/`), as the facts' sources must be. */
function readSeedDocument(): string {
  const file = path.resolve(process.cwd(), SEED_DOCUMENT);
  if (!existsSync(file)) throw new Error(`The seed document ${SEED_DOCUMENT} is missing from the project`);
  return readFileSync(file, 'utf8');
}

describe('the seed document kept with the project', () => {
  it('is the same as the shared original, where that one is at hand', () => {
    const shared = [path.resolve(process.cwd(), '../shared', SEED_DOCUMENT), path.resolve(process.cwd(), '../../shared', SEED_DOCUMENT)].find(
      (candidate) => existsSync(candidate),
    );
    if (shared) expect(readSeedDocument()).toBe(readFileSync(shared, 'utf8'));
    expect(readSeedDocument()).toContain('Convention cadre 2003 - 2005');
  });
});

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function dataOf<T extends EventType>(type: T): EventDataByType[T][] {
  return CCCS13_SEED.filter((e) => e.type === type).map((e) => e.data as EventDataByType[T]);
}

/** Every passage an event quotes: its source, and the accounts of a conflict. */
function passagesOf(event: SeedEvent): string[] {
  const passages = [event.source.passage];
  if (event.type === 'SourceConflictNoted') passages.push(...event.data.accounts.map((a) => a.passage));
  return passages;
}

/** Every EDTF date an event carries. */
function datesOf(event: SeedEvent): string[] {
  const dates = [event.effectiveDate];
  switch (event.type) {
    case 'ConventionSigned':
      dates.push(event.data.start);
      if (event.data.end !== undefined) dates.push(event.data.end);
      break;
    case 'ConventionExtended':
    case 'ConventionRenewed':
      dates.push(event.data.newEnd);
      break;
    case 'FactCorrected':
      if (event.data.effectiveDate !== undefined) dates.push(event.data.effectiveDate);
      break;
    default:
      break;
  }
  return dates;
}

describe('CCCS13 seed', () => {
  let document: string;

  beforeAll(() => {
    document = readSeedDocument();
  });

  it('starts with the establishment of the framework, dated 198X', () => {
    const first = CCCS13_SEED[0];
    expect(first.type).toBe('FrameworkEstablished');
    expect(first.effectiveDate).toBe('198X');
    if (first.type !== 'FrameworkEstablished') throw new Error('unreachable');
    expect(first.data.name).toBe('Convention cadre des centres sociaux des Bouches-du-Rhône (CCCS13)');
    expect(first.source.note).toBeTruthy();
    expect(CCCS13_SEED.slice(1).some((e) => e.type === 'FrameworkEstablished')).toBe(false);
  });

  it('uses only known event types, the seed document and a known confidence', () => {
    for (const event of CCCS13_SEED) {
      expect(EVENT_TYPES).toContain(event.type);
      expect(event.source.document).toBe(SEED_DOCUMENT);
      expect(['stated', 'inferred']).toContain(event.source.confidence);
    }
  });

  it('quotes every passage verbatim from the seed document, on a single line', () => {
    const missing: string[] = [];
    for (const event of CCCS13_SEED) {
      for (const passage of passagesOf(event)) {
        expect(passage.trim().length).toBeGreaterThan(0);
        expect(passage).not.toMatch(/\n/);
        if (!document.includes(passage)) missing.push(`${event.key}: ${JSON.stringify(passage)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('explains every inferred fact in a note', () => {
    const unexplained = CCCS13_SEED.filter(
      (e) => e.source.confidence === 'inferred' && !(e.source.note && e.source.note.trim().length > 0),
    ).map((e) => e.key);
    expect(unexplained).toEqual([]);
  });

  it('gives EDTF dates that parse everywhere', () => {
    for (const event of CCCS13_SEED) {
      for (const date of datesOf(event)) {
        expect(() => parseEdtf(date)).not.toThrow();
      }
    }
  });

  it('keeps keys unique slugs, and ids slugs', () => {
    const keys = CCCS13_SEED.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(SLUG);

    const ids: string[] = [];
    for (const event of CCCS13_SEED) {
      const data = event.data as unknown as Record<string, unknown>;
      for (const field of ['conventionId', 'missionId', 'instrumentId', 'bodyId', 'reviewId', 'milestoneId', 'conflictId', 'supersedes', 'partyId']) {
        if (typeof data[field] === 'string') ids.push(data[field] as string);
      }
      if (event.type === 'ConventionSigned') ids.push(...event.data.parties.map((p) => p.id));
      if (event.type === 'PartyJoined') ids.push(event.data.party.id);
    }
    for (const id of ids) expect(id).toMatch(SLUG);
  });

  it('lists events with non-decreasing effective dates (by first day), conflicts apart (recorded once what they are about is)', () => {
    const firsts = CCCS13_SEED.filter((e) => e.type !== 'SourceConflictNoted').map((e) => ({ key: e.key, first: parseEdtf(e.effectiveDate).first }));
    for (let i = 1; i < firsts.length; i++) {
      expect([firsts[i - 1].key, firsts[i].first >= firsts[i - 1].first]).toEqual([firsts[i - 1].key, true]);
    }
  });

  it('refers only to things created earlier in the list, and creates each thing once', () => {
    const conventions = new Set<string>();
    const missions = new Set<string>();
    const instruments = new Set<string>();
    const bodies = new Set<string>();
    const reviews = new Set<string>();
    const milestones = new Set<string>();
    const conflicts = new Set<string>();
    const partyNames = new Map<string, string>();
    const knownParty = (id: string) => partyNames.has(id);
    const create = (set: Set<string>, id: string, key: string) => {
      expect([key, set.has(id)]).toEqual([key, false]);
      set.add(id);
    };
    const refer = (set: Set<string>, id: string, key: string) => expect([key, id, set.has(id)]).toEqual([key, id, true]);
    const allBodies = new Set(dataOf('BodyCreated').map((b) => b.bodyId));

    for (const event of CCCS13_SEED) {
      switch (event.type) {
        case 'ConventionSigned': {
          create(conventions, event.data.conventionId, event.key);
          if (event.data.supersedes) refer(conventions, event.data.supersedes, event.key);
          const ids = event.data.parties.map((p) => p.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const party of event.data.parties) {
            expect(PARTY_KINDS).toContain(party.kind);
            // One party, one name, everywhere.
            if (partyNames.has(party.id)) expect(party.name).toBe(partyNames.get(party.id));
            partyNames.set(party.id, party.name);
          }
          const start = parseEdtf(event.data.start).first;
          if (event.data.end) expect(parseEdtf(event.data.end).last >= start).toBe(true);
          break;
        }
        case 'ConventionExtended':
        case 'ConventionRenewed':
        case 'ConventionEnded':
          refer(conventions, event.data.conventionId, event.key);
          break;
        case 'PartyJoined':
          refer(conventions, event.data.conventionId, event.key);
          expect(PARTY_KINDS).toContain(event.data.party.kind);
          partyNames.set(event.data.party.id, event.data.party.name);
          break;
        case 'PartyWithdrew':
          refer(conventions, event.data.conventionId, event.key);
          break;
        case 'SupportMissionLaunched':
          create(missions, event.data.missionId, event.key);
          expect(event.data.domains.length).toBeGreaterThan(0);
          break;
        case 'SupportMissionEnded':
          refer(missions, event.data.missionId, event.key);
          break;
        case 'InstrumentAdopted':
          create(instruments, event.data.instrumentId, event.key);
          break;
        case 'InstrumentRepealed':
          refer(instruments, event.data.instrumentId, event.key);
          break;
        case 'BodyCreated':
          create(bodies, event.data.bodyId, event.key);
          break;
        case 'BodyDissolved':
          refer(bodies, event.data.bodyId, event.key);
          break;
        case 'ReviewConducted':
          create(reviews, event.data.reviewId, event.key);
          // conductedBy names a body of the history, recorded before or after (the group of the 2009 - 2010 bilan exists for its time).
          if (event.data.conductedBy) expect([event.key, allBodies.has(event.data.conductedBy)]).toEqual([event.key, true]);
          break;
        case 'MilestoneNoted':
          create(milestones, event.data.milestoneId, event.key);
          break;
        case 'SourceConflictNoted': {
          create(conflicts, event.data.conflictId, event.key);
          expect(event.data.accounts.length).toBeGreaterThanOrEqual(2);
          const sets: Record<string, Set<string> | undefined> = {
            convention: conventions,
            mission: missions,
            instrument: instruments,
            body: bodies,
            review: reviews,
            milestone: milestones,
          };
          for (const subject of event.data.about) {
            if (subject.kind === 'party') expect([event.key, subject.id, knownParty(subject.id)]).toEqual([event.key, subject.id, true]);
            else refer(sets[subject.kind]!, subject.id, event.key);
          }
          break;
        }
        default:
          break;
      }
    }
  });

  it('records the expected conventions, in order', () => {
    const signed = dataOf('ConventionSigned');
    expect(signed.map((c) => c.conventionId)).toEqual(['cc-1994', 'cc-2000', 'cc-2003', 'cc-2008', 'cc-2011', 'cc-2015']);
    const byId = new Map(signed.map((c) => [c.conventionId, c]));
    expect(byId.get('cc-1994')).toMatchObject({ start: '1994-07-25', parties: [{ id: 'etat' }, { id: 'caf13' }, { id: 'marseille' }] });
    expect(byId.get('cc-1994')!.end).toBeUndefined();
    expect(byId.get('cc-2000')).toMatchObject({ start: '2000-05-19', supersedes: 'cc-1994' });
    expect(byId.get('cc-2000')!.end).toBeUndefined();
    expect(byId.get('cc-2003')).toMatchObject({ start: '2003', end: '2005', supersedes: 'cc-2000' });
    expect(byId.get('cc-2008')).toMatchObject({ start: '2008', end: '2010', supersedes: 'cc-2003' });
    expect(byId.get('cc-2011')).toMatchObject({ start: '2011', end: '2012', supersedes: 'cc-2008' });
    expect(byId.get('cc-2015')).toMatchObject({ start: '2015', end: '2017', supersedes: 'cc-2011' });
  });

  it('gives cc-2000 the 11 parties of the timeline plus FASILD', () => {
    const cc2000 = dataOf('ConventionSigned').find((c) => c.conventionId === 'cc-2000')!;
    expect(cc2000.parties.map((p) => p.id).sort()).toEqual(
      [
        'etat',
        'caf13',
        'region',
        'departement',
        'fasild',
        'marseille',
        'la-ciotat',
        'aix-en-provence',
        'septemes-les-vallons',
        'miramas',
        'port-de-bouc',
        'les-pennes-mirabeau',
      ].sort(),
    );
    expect(cc2000.parties.find((p) => p.id === 'fasild')!.kind).toBe('fund');
  });

  it('states the terms of the conventions after 2000, and carries their parties over from the previous one (inferred), 14 from 2008', () => {
    const previous: Record<string, string> = { 'cc-2003': 'cc-2000', 'cc-2008': 'cc-2003', 'cc-2011': 'cc-2008', 'cc-2015': 'cc-2011' };
    for (const event of CCCS13_SEED) {
      if (event.type !== 'ConventionSigned') continue;
      const id = event.data.conventionId;
      if (id in previous) {
        expect([id, event.source.confidence, event.data.partiesCarriedOverFrom, event.data.supersessionConfidence]).toEqual([id, 'stated', previous[id], 'inferred']);
        expect(event.source.passage).toBe(event.data.name);
      } else {
        expect([id, event.data.partiesCarriedOverFrom]).toEqual([id, undefined]);
      }
      if (['cc-2008', 'cc-2011', 'cc-2015'].includes(id)) {
        expect(event.data.parties.map((p) => p.id)).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence', 'fasild']));
        expect(event.data.parties).toHaveLength(14);
      }
    }
  });

  it('records the 2006 newcomers, the renewals of cc-2003 and the extensions of cc-2011', () => {
    expect(dataOf('PartyJoined').map((d) => [d.conventionId, d.party.id])).toEqual([
      ['cc-2003', 'vitrolles'],
      ['cc-2003', 'salon-de-provence'],
    ]);
    expect(dataOf('ConventionRenewed')).toEqual([
      { conventionId: 'cc-2003', newEnd: '2006' },
      { conventionId: 'cc-2003', newEnd: '2007' },
    ]);
    expect(dataOf('ConventionExtended')).toEqual([
      { conventionId: 'cc-2011', newEnd: '2013' },
      { conventionId: 'cc-2011', newEnd: '2014' },
    ]);
  });

  it('records the FASILD conflict with both accounts', () => {
    const conflict = dataOf('SourceConflictNoted').find((c) =>
      c.about.some((s) => s.kind === 'party' && s.id === 'fasild'),
    );
    expect(conflict).toBeDefined();
    expect(conflict!.about).toEqual(
      expect.arrayContaining([
        { kind: 'party', id: 'fasild' },
        { kind: 'convention', id: 'cc-2000' },
      ]),
    );
    expect(conflict!.accounts.some((a) => a.passage.includes('FASILD'))).toBe(true);
    expect(conflict!.accounts.some((a) => a.passage.includes('Les Pennes Mirabeau') && !a.passage.includes('FASILD'))).toBe(true);
    expect(conflict!.resolution).toBeTruthy();
  });

  it('records the support missions and the conflicts on their dates', () => {
    const missions = dataOf('SupportMissionLaunched');
    expect(missions.find((m) => m.missionId === 'mission-comptable-financiere')?.domains).toEqual(['accounting', 'financial']);
    expect(missions.find((m) => m.missionId === 'mission-sociale')?.domains).toEqual(['social']);
    const launched = CCCS13_SEED.find(
      (e) => e.type === 'SupportMissionLaunched' && e.data.missionId === 'mission-comptable-financiere',
    );
    expect(launched?.effectiveDate).toBe('2001');

    const conflicts = dataOf('SourceConflictNoted');
    for (const missionId of ['mission-comptable-financiere', 'mission-sociale']) {
      const conflict = conflicts.find((c) => c.about.some((s) => s.kind === 'mission' && s.id === missionId));
      expect([missionId, conflict !== undefined]).toEqual([missionId, true]);
      expect(conflict!.accounts.length).toBeGreaterThanOrEqual(2);
      expect(conflict!.resolution).toBeTruthy();
    }
    const accounting = conflicts.find((c) => c.about.some((s) => s.id === 'mission-comptable-financiere'))!;
    expect(accounting.accounts.map((a) => a.passage)).toEqual(
      expect.arrayContaining([
        "Mise en place des missions d'appui comptable et financière",
        'la mise en place d’une mission d’appui à caractère comptable et financier',
      ]),
    );
    const social = conflicts.find((c) => c.about.some((s) => s.id === 'mission-sociale'))!;
    expect(social.accounts.map((a) => a.passage)).toEqual(
      expect.arrayContaining([
        "Mise en place des missions d'appui comptable, financière et sociale",
        'la poursuite de la mission d’appui à caractère social',
      ]),
    );
  });

  it('keeps the CUCS funding rule figures as data', () => {
    const rule = dataOf('InstrumentAdopted').find((i) => i.instrumentId === 'financement-112-cucs');
    expect(rule).toMatchObject({ kind: 'funding-rule', figures: { ceilingPercent: 112, reference: 'plafond Cnaf' } });
  });
});
