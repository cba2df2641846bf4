// The child process of the crash test (test/robustness/crash.e2e.spec.ts): the service, compiled
// (dist/), on DATA_DIR, appending valid events from several concurrent writers through the real
// command path (CommandBus + RecordEventsCommand, as the HTTP controller does), until it is killed.
//
// Environment: DATA_DIR, ROUND (number), WRITERS (default 6), RETRY_FILE (optional: JSON list of
// requests sent by an earlier child and never acknowledged, re-sent first with their
// Idempotency-Key), MAX_MS (a bound on its life if nobody kills it; default 30000).
//
// Protocol on stdout, one line per message, written synchronously (a pipe on Linux), so that a
// line written is a line the parent reads even when the process is killed right after:
//   READY {"startupMs":…}
//   SEND  {"key","frameworkId","body","actor","role"}          before each request
//   ACK   {"key","frameworkId","eventId","revision","position","recordedAt","replayed","retry"}
//   ERR   {"key","error"}                                       a request refused (never expected)
//   DONE  {"acked":…}                                           the bounds were reached (not killed)
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (path) => import(join(ROOT, 'dist', path));

const { createHttpApp } = await dist('http-app.js');
const { loadConfig } = await dist('platform/config/app-config.js');
const { RecordEventsCommand } = await dist('modules/frameworks/commands/record-event/record-events.command.js');
const { parseEventBody } = await dist('modules/frameworks/domain/events/event-body.js');
const { CreateFrameworkCommand } = await dist('modules/frameworks/commands/create-framework/create-framework.command.js');
const { CommandBus } = await import('@nestjs/cqrs');

const started = Date.now();
const round = Number(process.env.ROUND ?? 1);
const writers = Number(process.env.WRITERS ?? 6);
const maxMs = Number(process.env.MAX_MS ?? 30_000);
const MAX_PER_WRITER = 5000;
const FRAMEWORKS = ['cccs13', 'crash-a', 'crash-b'];

const out = (tag, value) => process.stdout.write(`${tag} ${JSON.stringify(value)}\n`);

/** mulberry32: a small seeded generator, so that a round's writes can be told from another's. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const app = await createHttpApp(
  loadConfig({ DATA_DIR: process.env.DATA_DIR, API_TOKENS: 'secretariat=crash-secretariat-token-0123456789,auditor=crash-auditor-token-0123456789', API_ADMINS: 'auditor', WRITE_RATE_LIMIT: '0' }),
  { logger: false },
);
await app.init();
const bus = app.get(CommandBus);

async function send({ key, frameworkId, body, actor, role }, retry = false) {
  try {
    const result = await bus.execute(new RecordEventsCommand({ frameworkId, events: [{ event: parseEventBody(body) }], actor, role, idempotencyKey: key }));
    const [stored] = result.stored;
    const ack = { key, frameworkId, eventId: stored.eventId, revision: stored.revision, position: stored.position, recordedAt: stored.recordedAt, replayed: result.replayed, retry };
    out('ACK', ack);
    return ack;
  } catch (error) {
    out('ERR', { key, error: `${error?.constructor?.name}: ${error?.message}` });
    return null;
  }
}

// The frameworks of the test: created once (the same key on every start replays the creation).
for (const id of FRAMEWORKS.slice(1)) {
  await bus.execute(new CreateFrameworkCommand({ request: { id, name: `Crash test ${id}`, effectiveDate: '2000' }, actor: 'secretariat', idempotencyKey: `create-${id}` }));
}

// What an earlier child sent and never acknowledged: sent again, with the same key.
if (process.env.RETRY_FILE) {
  const pending = JSON.parse(readFileSync(process.env.RETRY_FILE, 'utf8'));
  await Promise.all(pending.map((request) => send(request, true)));
}

out('READY', { startupMs: Date.now() - started });

const SOURCE = { document: 'Crash test minutes', passage: `round ${round}`, confidence: 'stated' };

async function writer(w) {
  const next = random(round * 1000 + w);
  const frameworkId = FRAMEWORKS[w % FRAMEWORKS.length];
  /** Milestones this writer saw acknowledged in this run and has not corrected or retracted yet. */
  const mine = [];
  for (let n = 0; n < MAX_PER_WRITER && Date.now() - started < maxMs; n++) {
    const key = `k-${round}-${w}-${n}`;
    const year = 2016 + Math.floor(next() * 10);
    const date = next() < 0.5 ? String(year) : `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`;
    const pick = next();
    let request;
    if (pick < 0.1 && mine.length > 0) {
      const target = mine.splice(Math.floor(next() * mine.length), 1)[0];
      request = {
        body: { type: 'FactCorrected', effectiveDate: target.date, data: { eventId: target.eventId, data: { name: `Corrected ${target.id}` }, reason: 'crash test correction' }, source: SOURCE },
        actor: 'auditor',
        role: 'admin',
      };
    } else if (pick < 0.2 && mine.length > 0) {
      const target = mine.splice(Math.floor(next() * mine.length), 1)[0];
      request = { body: { type: 'FactRetracted', effectiveDate: target.date, data: { eventId: target.eventId, reason: 'crash test retraction' }, source: SOURCE }, actor: 'auditor', role: 'admin' };
    } else if (pick < 0.3) {
      const id = `b-${round}-${w}-${n}`;
      request = { body: { type: 'BodyCreated', effectiveDate: date, data: { bodyId: id, name: `Body ${id}`, kind: 'working-group' }, source: SOURCE }, actor: 'secretariat', role: 'recorder' };
    } else {
      const id = `m-${round}-${w}-${n}`;
      request = { body: { type: 'MilestoneNoted', effectiveDate: date, data: { milestoneId: id, name: `Milestone ${id}` }, source: SOURCE }, actor: 'secretariat', role: 'recorder', milestone: id };
    }
    const { milestone, ...message } = { key, frameworkId, ...request };
    out('SEND', message);
    const ack = await send(message);
    if (ack && milestone) mine.push({ id: milestone, eventId: ack.eventId, date });
  }
}

await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
out('DONE', {});
await app.close();
process.exit(0);
