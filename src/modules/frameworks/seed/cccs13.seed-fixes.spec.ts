import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEdtf } from '../domain/dates/edtf-date.js';
import type { EventDataByType, EventType } from '../domain/events/framework.events.js';
import { CCCS13_SEED, SEED_DOCUMENT } from './cccs13.seed.js';

/** What the audit of the first seed found, each fixed with its passage (the second version of the seed). */

function dataOf<T extends EventType>(type: T): EventDataByType[T][] {
  return CCCS13_SEED.filter((e) => e.type === type).map((e) => e.data as EventDataByType[T]);
}

describe('CCCS13 seed: what the audit found, fixed', () => {
  let document: string;
  beforeAll(() => {
    const file = path.resolve(process.cwd(), SEED_DOCUMENT);
    if (!existsSync(file)) throw new Error(`The seed document ${SEED_DOCUMENT} is missing from the project`);
    document = readFileSync(file, 'utf8');
  });

  it('links the FASILD conflict to every convention that carries FASILD', () => {
    const carrying = dataOf('ConventionSigned').filter((c) => c.parties.some((p) => p.id === 'fasild')).map((c) => c.conventionId);
    expect(carrying).toEqual(['cc-2000', 'cc-2003', 'cc-2008', 'cc-2011', 'cc-2015']);
    const conflict = dataOf('SourceConflictNoted').find((c) => c.conflictId === 'fasild-signataire-2000')!;
    expect(conflict.about.filter((s) => s.kind === 'convention').map((s) => s.id)).toEqual(carrying);
  });

  it('names the CAF13 as the document does, typographic apostrophe included', () => {
    const names = new Set(CCCS13_SEED.flatMap((e) => (e.type === 'ConventionSigned' ? e.data.parties : [])).filter((p) => p.id === 'caf13').map((p) => p.name));
    expect([...names]).toEqual(['Caisse d’allocations familiales des Bouches-du-Rhône (CAF13)']);
    expect(document).toContain('la Caisse d’allocations familiales');
  });

  it('writes every note, conflict account and resolution in French', () => {
    const english = /\b(the|is|are|and|which|with|from|this|that|its|by|was|were|not|only)\b/i;
    const texts: [string, string][] = [];
    for (const event of CCCS13_SEED) {
      if (event.source.note) texts.push([event.key, event.source.note]);
      if (event.type === 'SourceConflictNoted') {
        for (const account of event.data.accounts) texts.push([event.key, account.claim]);
        if (event.data.resolution) texts.push([event.key, event.data.resolution]);
      }
    }
    expect(texts.length).toBeGreaterThan(40);
    expect(texts.filter(([, text]) => english.test(text))).toEqual([]);
  });

  it('dates the social support mission as the sources allow: the interval from 19 May 2000 to 2003, with the conflict', () => {
    const launched = CCCS13_SEED.find((e) => e.type === 'SupportMissionLaunched' && e.data.missionId === 'mission-sociale')!;
    expect(launched.effectiveDate).toBe('2000-05-19/2003');
    expect(parseEdtf(launched.effectiveDate)).toMatchObject({ first: '2000-05-19', last: '2003-12-31', approximate: true });
    const conflict = CCCS13_SEED.find((e) => e.type === 'SourceConflictNoted' && e.data.conflictId === 'date-mission-sociale')!;
    expect(conflict.effectiveDate).toBe(launched.effectiveDate);
  });

  it('quotes every outcome of the period 2011 - 2014, the sentence on the preventive approach included', () => {
    const review = dataOf('ReviewConducted').find((r) => r.reviewId === 'bilan-periode-2011-2014')!;
    for (const finding of review.findings!) expect([finding, document.includes(finding)]).toEqual([finding, true]);
    const outcomes = document.slice(document.indexOf('il ressort'), document.indexOf('Période 2003 - 2010'));
    const bullets = outcomes.split('•').slice(1).map((b) => b.trim().replace(/\.$/, ''));
    expect(bullets).toHaveLength(6);
    for (const bullet of bullets) expect(review.findings!.some((f) => f.replace(/\.$/, '') === bullet)).toBe(true);
    expect(review.findings!.join(' ')).toContain('La qualité de la démarche préventive intervient grâce, notamment, à une confiance accrue');
  });

  it('adopts the 112 % rule and the note de cadrage for the 2008 - 2010 convention, the working group for the 2009 - 2010 bilan', () => {
    const lastsFor = (key: string) => (CCCS13_SEED.find((e) => e.key === key)!.data as { lastsFor?: unknown }).lastsFor;
    expect(lastsFor('financement-112-cucs-adopted')).toEqual({ kind: 'convention', id: 'cc-2008' });
    expect(lastsFor('note-cadrage-cucs-adopted')).toEqual({ kind: 'convention', id: 'cc-2008' });
    expect(lastsFor('groupe-travail-bilan-created')).toEqual({ kind: 'review', id: 'bilan-2009-2010' });
  });
});
