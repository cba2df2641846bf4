import { initialHistory } from '../../../modules/frameworks/domain/decider/framework.decider.js';
import { ev, established, record, signed } from '../../../modules/frameworks/domain/testing/given-when-then.js';
import { projectEvent } from '../../projection/framework.projection.js';
import { ReadModelsDiverged } from '../commit-rules.js';
import type { ProjectionChange, StoredSegment } from '../read-model.port.js';
import { readModelContract } from '../read-model.contract.js';
import { commitPlan } from './mongo-commit.js';
import { asJson } from './mongo-read-model.queries.js';
import { InMemoryMongoReadModels } from './testing/in-memory-mongo.js';

/** Three events of one framework, each projected on what the ones before left. */
function changesOf(frameworkId = 'f'): ProjectionChange[] {
  let h = initialHistory(frameworkId);
  h = record(h, established('1990'));
  h = record(h, signed('c1', '2003', '2005', ['a', 'b']));
  h = record(h, ev('ConventionExtended', '2005', { conventionId: 'c1', newEnd: '2006' }));
  const changes: ProjectionChange[] = [];
  let current: StoredSegment[] = [];
  for (const event of h.events) {
    const change = projectEvent(
      changes.map((c) => c.event),
      event,
      current,
    );
    changes.push(change);
    const closed = new Set(change.close.map((c) => `${c.kind}|${c.itemId}|${c.validFrom}`));
    current = [
      ...current.filter((s) => !closed.has(`${s.kind}|${s.itemId}|${s.validFrom}`)),
      ...change.open.map((o) => ({ ...o, frameworkId, recordedFrom: event.recordedAt, recordedTo: null })),
    ];
  }
  return changes;
}

describe('mongo commit plan', () => {
  it('inserts a framework with its first event, then updates it only where it still has the previous revision', () => {
    const changes = changesOf();
    const plan = commitPlan(changes);
    expect(plan.frameworks.map((w) => Object.keys(w)[0])).toEqual(['insertOne', 'updateOne', 'updateOne']);
    const [insert, ...updates] = plan.frameworks;
    expect('insertOne' in insert && insert.insertOne.document).toMatchObject({ id: 'f', revision: 0, eventCount: 1, createdAt: changes[0].event.recordedAt });
    expect(updates.map((w) => 'updateOne' in w && w.updateOne.filter)).toEqual([
      { id: 'f', revision: 0 },
      { id: 'f', revision: 1 },
    ]);
    expect(updates.map((w) => 'updateOne' in w && w.updateOne.update.$set.revision)).toEqual([1, 2]);
    expect(updates.every((w) => 'updateOne' in w && !('$setOnInsert' in w.updateOne.update))).toBe(true);
    // The horizon's history: the first entry with the insert, each later one pushed (never the whole list).
    expect('insertOne' in insert && insert.insertOne.document.horizons).toEqual([changes[0].horizon]);
    expect(updates.map((w) => 'updateOne' in w && w.updateOne.update.$push)).toEqual([
      { horizons: changes[1].horizon },
      { horizons: changes[2].horizon },
    ]);
    expect(updates.every((w) => 'updateOne' in w && !('horizons' in w.updateOne.update.$set))).toBe(true);
    expect(plan.events.map((e) => e.event)).toEqual(changes.map((c) => asJson(c.event)));
    expect(plan.checkpoint).toEqual({ filter: { _id: 'projection' }, update: { $set: { position: changes[2].position } } });
    // The extension closes the convention's segment opened by the signature, then opens its longer one.
    const extension = plan.segments.slice(-changes[2].close.length - changes[2].open.length);
    expect(extension.map((w) => Object.keys(w)[0])).toEqual([...changes[2].close.map(() => 'updateMany'), ...changes[2].open.map(() => 'insertOne')]);
    expect(changes[2].close.length).toBeGreaterThan(0);
  });

  it('validates the whole batch before anything is written', () => {
    const [good] = changesOf();
    expect(() => commitPlan([good, { ...good, event: { ...good.event, frameworkId: { $gt: '' } as never } }])).toThrow(TypeError);
    expect(() => commitPlan([{ ...good, framework: { ...good.framework, id: 'other' } }])).toThrow(/framework other is not the event's f/);
    expect(() => commitPlan([{ ...good, framework: { ...good.framework, revision: 5 } }])).toThrow(/summary revision 5/);
    expect(commitPlan([], null)).toEqual({ frameworks: [], events: [], segments: [], checkpoint: null });
  });
});

// The whole read-model contract over the adapter's logic (builders, plan, commitWith) on in-memory collections.
readModelContract('mongodb adapter logic over in-memory collections', async () => new InMemoryMongoReadModels(), { propertyRuns: 40 });

describe('mongo commits that race (in-memory collections with transaction semantics)', () => {
  it('two runners committing the same change at once: one applies it, the other retries on the write conflict and skips it', async () => {
    const store = new InMemoryMongoReadModels();
    const [first] = changesOf();
    const outcomes = await Promise.all([store.commit([first]), store.commit([first])]);
    expect(outcomes.map((o) => [o.applied, o.skipped]).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(store.conflicts).toBeGreaterThan(0);
    expect(await store.frameworkEvents('f')).toHaveLength(1);
    expect(await store.getFramework('f')).toMatchObject({ revision: 0, eventCount: 1 });
  });

  it('two runners racing over a whole framework leave it as one runner does', async () => {
    const one = new InMemoryMongoReadModels();
    const two = new InMemoryMongoReadModels();
    const changes = changesOf();
    for (const change of changes) await one.commit([change]);
    await Promise.all([
      (async () => {
        for (const change of changes) await two.commit([change]);
      })(),
      (async () => {
        for (const change of changes) await two.commit([change]);
      })(),
    ]);
    expect(await two.listFrameworks()).toEqual(await one.listFrameworks());
    expect(await two.frameworkEvents('f')).toEqual(await one.frameworkEvents('f'));
    expect(await two.currentSegments('f')).toEqual(await one.currentSegments('f'));
    expect(await two.checkpoint()).toBe(await one.checkpoint());
  });

  it('refuses, in a race too, another event at a revision already applied', async () => {
    const store = new InMemoryMongoReadModels();
    const [first] = changesOf();
    const stranger = { ...first, event: { ...first.event, eventId: 'another-event' } };
    const results = await Promise.allSettled([store.commit([first]), store.commit([stranger])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.reason).toBeInstanceOf(ReadModelsDiverged);
    expect(await store.frameworkEvents('f')).toHaveLength(1);
  });
});
