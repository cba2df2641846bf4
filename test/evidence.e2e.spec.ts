import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { createHttpApp } from '../src/http-app.js';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { parseImportText } from '../src/modules/frameworks/commands/import-events/import-plan.js';
import { restoreRecords } from '../src/modules/frameworks/commands/restore-backup/restore-records.js';
import { seedEventId } from '../src/modules/frameworks/seed/cccs13.seed-upgrade.js';
import { CCCS13_SEED } from '../src/modules/frameworks/seed/cccs13.seed.js';
import { loadConfig } from '../src/platform/config/app-config.js';

/**
 * What the sources attest and what the service only presumes, over HTTP: the audit's table, on a
 * store loaded with the current seed and on a store loaded with the first one and corrected on start.
 */

const TOKEN = 'evidence-secretariat-token-0123456789';
const HORIZON = { from: '1980-01-01', to: '2017-12-31' };
const NOTICE = 'L’historique enregistré s’arrête au 31 décembre 2017 : au-delà, rien n’est attesté.';
const V1_EXPORT = join(process.cwd(), 'test/fixtures/cccs13-seed-v1.export.jsonl');

type Item = { id: string; evidence: string; attestedUntil?: string; [key: string]: any };
const ids = (items: Item[]) => items.map((i) => i.id).sort();
const proof = (items: Item[]) => Object.fromEntries(items.map((i) => [i.id, [i.evidence, i.attestedUntil ?? null]]));

async function startApp(dataDir: string): Promise<{ app: INestApplication; http: ReturnType<typeof request> }> {
  const app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}`, READ_WAIT_MS: '2000' }), { logger: false });
  await app.init();
  return { app, http: request(app.getHttpServer()) };
}

/** The answers the audit's table pins, for a running service. */
function tableOfTheAudit(http: () => ReturnType<typeof request>) {
  const state = async (query: string) => (await http().get(`/api/frameworks/cccs13/state?${query}`).expect(200)).body;

  it('2012-06-30: the 112 % rule and the note de cadrage lapsed with the 2008 - 2010 convention; in 2009 they are stated until its end', async () => {
    const in2012 = await state('at=2012-06-30');
    expect(ids(in2012.instruments)).not.toContain('financement-112-cucs');
    expect(ids(in2012.instruments)).not.toContain('note-cadrage-cucs');
    expect(in2012).toMatchObject({ horizon: HORIZON, outsideHorizon: false });
    expect(in2012.horizonNotice).toBeUndefined();
    const in2009 = await state('at=2009-06-30');
    const rule = in2009.instruments.find((i: Item) => i.id === 'financement-112-cucs');
    expect(rule).toMatchObject({ evidence: 'stated', attestedUntil: '2010-12-31', lastsFor: { kind: 'convention', id: 'cc-2008' }, figures: { ceilingPercent: 112 } });
    expect(in2009.instruments.find((i: Item) => i.id === 'note-cadrage-cucs')).toMatchObject({ evidence: 'stated', attestedUntil: '2010-12-31' });
    expect(ids((await state('at=2011-01-01')).instruments)).not.toContain('financement-112-cucs');
  });

  it.each(['2018-01-01', '2030-01-01'])('%s: no convention; what lasts is presumed, outside the horizon, with the notice', async (at) => {
    const answer = await state(`at=${at}`);
    expect(answer).toMatchObject({ at, horizon: HORIZON, outsideHorizon: true, horizonNotice: NOTICE, conventions: [], parties: [] });
    expect(proof(answer.missions)).toEqual({ 'mission-sociale': ['presumed', '2005-12-31'], 'mission-comptable-financiere': ['presumed', '2010-12-31'] });
    expect(proof(answer.instruments)).toEqual({
      'dossier-unique-financement': ['presumed', '2003-12-31'],
      'procedure-recrutement-directeurs': ['presumed', '2003-12-31'],
      'site-internet': ['presumed', '2014-12-31'],
    });
    expect(proof(answer.bodies)).toEqual({
      'instance-evaluation': ['presumed', '2014-12-31'],
      'instances-territoriales-concertation': ['presumed', '2014-12-31'],
      'groupes-reflexion-thematiques': ['presumed', '2014-12-31'],
    });
    // What happened stays in the record, as the sources say it.
    expect(answer.reviews.find((r: Item) => r.id === 'bilan-2009-2010')).toMatchObject({ evidence: 'stated' });
  });

  it('the working group of the bilan: inferred during the 2009 - 2010 bilan, gone from 2011 on', async () => {
    expect((await state('at=2010-06-30')).bodies.find((b: Item) => b.id === 'groupe-travail-bilan')).toMatchObject({
      evidence: 'inferred',
      attestedUntil: '2010-12-31',
      lastsFor: { kind: 'review', id: 'bilan-2009-2010' },
    });
    for (const at of ['2011-01-01', '2016-06-30', '2030-01-01']) expect(ids((await state(`at=${at}`)).bodies)).not.toContain('groupe-travail-bilan');
  });

  it('2016-06-30: 14 parties, inferred (carried over), with the passage of the 2015 convention that carries them, FASILD disputed', async () => {
    const answer = await state('at=2016-06-30');
    expect(answer.outsideHorizon).toBe(false);
    expect(answer.parties).toHaveLength(14);
    for (const party of answer.parties) {
      expect(party).toMatchObject({ evidence: 'inferred', attestedUntil: '2017-12-31', eventId: seedEventId('cc-2015-signed'), carriedOverFrom: 'cc-2011' });
      expect(party.source).toMatchObject({ passage: 'Convention cadre 2015 - 2017', confidence: 'stated' });
    }
    const [convention] = answer.conventions;
    expect(convention).toMatchObject({ id: 'cc-2015', evidence: 'stated', attestedUntil: '2017-12-31', partiesCarriedOverFrom: 'cc-2011', supersedesEvidence: 'inferred' });
    expect(convention.conflicts).toContain('fasild-signataire-2000');
    for (const party of convention.parties) {
      expect(party).toMatchObject({ evidence: 'inferred', attestedUntil: '2017-12-31', carriedOverFrom: 'cc-2011', passage: 'Convention cadre 2015 - 2017' });
    }
    expect(answer.parties.find((p: Item) => p.id === 'fasild').conflicts).toEqual(['fasild-signataire-2000']);
    expect(answer.parties.find((p: Item) => p.id === 'caf13').name).toBe('Caisse d’allocations familiales des Bouches-du-Rhône (CAF13)');
    // In 2000, the signatories are those the narrative names: stated, with the signing of 19 May 2000.
    const in2000 = await state('at=2000-06-30');
    expect(in2000.parties.find((p: Item) => p.id === 'marseille')).toMatchObject({ evidence: 'stated', eventId: seedEventId('cc-2000-signed'), since: '1994-07-25' });
  });

  it('diff 2010-12-31 → 2011-01-01: what the sources date 2011 - 2014 came into force within that interval, approximately', async () => {
    const diff = (await http().get('/api/frameworks/cccs13/diff?from=2010-12-31&to=2011-01-01').expect(200)).body;
    expect(diff.horizon).toEqual(HORIZON);
    const came = Object.fromEntries(diff.cameIntoForce.map((e: Item) => [e.id, e]));
    for (const id of ['instance-evaluation', 'instances-territoriales-concertation', 'groupes-reflexion-thematiques', 'site-internet', 'evaluations-2011-2014']) {
      expect(came[id]).toMatchObject({ sinceEdtf: '2011/2014', approximate: true, since: '2011-01-01' });
    }
    expect(came['instance-evaluation']).toMatchObject({ evidence: 'stated', attestedUntil: '2014-12-31' });
    expect(came['cc-2011']).toMatchObject({ sinceEdtf: '2011', approximate: true, evidence: 'stated' });
    expect(ids(diff.ended)).toEqual(expect.arrayContaining(['cc-2008', 'financement-112-cucs', 'note-cadrage-cucs', 'groupe-travail-bilan']));
    expect(diff.changed.find((c: Item) => c.id === 'marseille')).toBeDefined();
  });

  it('the timeline gives each fact its evidence, the parts only inferred and the last day it speaks of', async () => {
    const timeline = (await http().get('/api/frameworks/cccs13/timeline').expect(200)).body;
    expect(timeline.horizon).toEqual(HORIZON);
    const entry = (id: string) => timeline.events.find((e: Item) => e.eventId === seedEventId(id));
    expect(entry('cc-2003-signed')).toMatchObject({ evidence: 'stated', inferredParts: ['parties', 'supersedes'], attestedUntil: '2005-12-31' });
    expect(entry('cc-2003-renewed-2006')).toMatchObject({ evidence: 'inferred', attestedUntil: '2006-12-31' });
    expect(entry('financement-112-cucs-adopted')).toMatchObject({ evidence: 'stated', attestedUntil: '2010-12-31' });
    expect(entry('cc-1994-signed').attestedUntil).toBeUndefined();
  });

  it('as known before anything was recorded: no horizon, outside it', async () => {
    const answer = await state('at=2007-06-30&knownAt=2000-01-01T00:00:00Z');
    expect(answer).toMatchObject({ horizon: null, outsideHorizon: true, conventions: [] });
  });
}

describe('evidence on a store loaded with the current seed', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-evidence-'));
    ({ app, http } = await startApp(dataDir));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  tableOfTheAudit(() => http);

  it('lists the framework with its horizon, and documents the fields in the OpenAPI answer schemas', async () => {
    expect((await http.get('/api/frameworks').expect(200)).body).toEqual([expect.objectContaining({ id: 'cccs13', eventCount: CCCS13_SEED.length, horizon: HORIZON })]);
    const schemas = (await http.get('/docs-json').expect(200)).body.components.schemas;
    expect(Object.keys(schemas.ItemSchema.properties)).toEqual(expect.arrayContaining(['evidence', 'attestedUntil']));
    expect(schemas.ItemSchema.properties.evidence.enum).toEqual(['stated', 'inferred', 'presumed']);
    expect(Object.keys(schemas.StateAnswerSchema.properties)).toEqual(expect.arrayContaining(['horizon', 'outsideHorizon']));
    expect(Object.keys(schemas.ConventionPartySchema.properties)).toEqual(expect.arrayContaining(['evidence', 'attestedUntil', 'eventId', 'passage']));
    expect(Object.keys(schemas.CameIntoForceSchema.properties)).toEqual(expect.arrayContaining(['sinceEdtf', 'evidence']));
  });

  it('the horizon follows the record: an extension to 2018 widens it, and the earlier record keeps the earlier horizon', async () => {
    const source = { document: 'Comité de pilotage, compte rendu du 14/11/2017', passage: 'la convention est prorogée jusqu’au 31 décembre 2018', confidence: 'stated' };
    const res = await http.post('/api/frameworks/cccs13/events').set('Authorization', `Bearer ${TOKEN}`)
      .send({ type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: '2018' }, source }).expect(201);
    const after = (await http.get('/api/frameworks/cccs13/state?at=2018-06-30').expect(200)).body;
    expect(after).toMatchObject({ horizon: { from: '1980-01-01', to: '2018-12-31' }, outsideHorizon: false });
    expect(after.conventions[0]).toMatchObject({ id: 'cc-2015', evidence: 'stated', attestedUntil: '2018-12-31' });
    const before = new Date(Date.parse(res.body.recordedAt) - 1).toISOString();
    expect((await http.get(`/api/frameworks/cccs13/state?at=2018-06-30&knownAt=${encodeURIComponent(before)}`).expect(200)).body).toMatchObject({
      horizon: HORIZON,
      outsideHorizon: true,
      horizonNotice: NOTICE,
    });
  });
});

describe('evidence on a store loaded with the first seed: corrected on start, not rewritten', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  const v1 = readFileSync(V1_EXPORT, 'utf8');
  const loadedAt = JSON.parse(v1.trim().split('\n').at(-1)!).recordedAt as string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-evidence-v1-'));
    const store = SqliteEventStore.open(join(dataDir, 'events.db'));
    await store.restore(restoreRecords(parseImportText(v1).entries).records);
    await store.close();
    ({ app, http } = await startApp(dataDir));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  tableOfTheAudit(() => http);

  it('records the corrections as FactCorrected events of the seed actor, each with its reason, after the facts it corrects', async () => {
    const audit = (await http.get('/api/frameworks/cccs13/history').expect(200)).body.events;
    const corrections = audit.filter((e: Item) => e.type === 'FactCorrected');
    expect(corrections).toHaveLength(35);
    for (const c of corrections) {
      expect(c).toMatchObject({ recordedBy: 'seed', corrects: expect.any(String) });
      expect(c.data.reason.length).toBeGreaterThan(20);
      expect(c.recordedAt > loadedAt).toBe(true);
    }
    const social = audit.find((e: Item) => e.eventId === seedEventId('mission-sociale-launched'));
    expect(social.effectiveDate).toBe('2002'); // the event as recorded: nothing is rewritten
    expect(social.correctedBy).toHaveLength(1);
    const fix = corrections.find((c: Item) => c.corrects === social.eventId);
    expect(fix.data).toMatchObject({ effectiveDate: '2000-05-19/2003', reason: expect.stringContaining('19 mai 2000') });
    expect(audit.filter((e: Item) => e.type === 'ItemAttested')).toHaveLength(3);
  });

  it('as known before the corrections, answers what the first seed said', async () => {
    const then = (await http.get(`/api/frameworks/cccs13/state?at=2012-06-30&knownAt=${encodeURIComponent(loadedAt)}`).expect(200)).body;
    expect(ids(then.instruments)).toEqual(expect.arrayContaining(['financement-112-cucs', 'note-cadrage-cucs']));
    expect(then.instruments.find((i: Item) => i.id === 'financement-112-cucs')).toMatchObject({ evidence: 'presumed', attestedUntil: '2008-12-31' });
    expect(then.missions.find((m: Item) => m.id === 'mission-sociale')).toMatchObject({ sinceEdtf: '2002' });
    const old2016 = (await http.get(`/api/frameworks/cccs13/state?at=2016-06-30&knownAt=${encodeURIComponent(loadedAt)}`).expect(200)).body;
    expect(old2016.parties.find((p: Item) => p.id === 'caf13').name).toBe("Caisse d'allocations familiales des Bouches-du-Rhône (CAF13)");
  });

  it('appends nothing on the next start, and rebuilds read models of an earlier format', async () => {
    const length = async () => (await http.get('/api/frameworks/cccs13/history').expect(200)).body.events.length;
    const before = await length();
    const answer = (await http.get('/api/frameworks/cccs13/state?at=2016-06-30').expect(200)).body;
    await app.close();
    // Read models as an earlier version wrote them: no format, segments without evidence.
    const db = new Database(join(dataDir, 'read-models.db'));
    db.exec('UPDATE frameworks SET format = NULL, horizon_now = NULL');
    db.exec('DELETE FROM framework_horizons');
    db.exec(`UPDATE segments SET payload = json_remove(payload, '$.evidence', '$.attestedUntil')`);
    db.close();
    ({ app, http } = await startApp(dataDir));
    expect(await length()).toBe(before);
    expect((await http.get('/api/frameworks/cccs13/state?at=2016-06-30').expect(200)).body).toEqual(answer);
  });
});
