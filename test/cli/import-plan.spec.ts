import { UsageError } from '../../src/platform/cli/cli-errors.js';
import { planImport, type ImportEntry, type ImportStore } from '../../src/modules/frameworks/commands/import-events/import-plan.js';
import { evolve, initialHistory } from '../../src/modules/frameworks/domain/decider/framework.decider.js';
import type { StoredEvent } from '../../src/infrastructure/event-store/event-store.port.js';
import { toRecordedEvent } from '../../src/infrastructure/event-store/framework-stream.js';
import { seedEvents } from '../../src/modules/frameworks/seed/seed-loader.js';

/** The CCCS13 history as stored, and a store that holds only it. */
const STORED: StoredEvent[] = seedEvents().map((e, i) => ({
  eventId: e.eventId,
  streamId: 'framework-cccs13',
  type: e.type,
  revision: i,
  position: i + 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  data: e.data,
  metadata: e.metadata,
}));
const store: ImportStore = {
  history: async (id) => (id === 'cccs13' ? STORED.map(toRecordedEvent).reduce(evolve, initialHistory(id)) : initialHistory(id)),
  findEvent: async (id) => STORED.find((e) => e.eventId === id) ?? null,
};

const SOURCE = { document: 'minutes', passage: 'as decided', confidence: 'stated' };
const EXTENSION = { frameworkId: 'cccs13', type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: '2018' }, source: SOURCE };
const entries = (...values: unknown[]): ImportEntry[] => values.map((value, i) => ({ label: `line ${i + 1}`, value }));
const operator = { operator: true, actor: 'secretariat' };
const exportLine = (e: StoredEvent) => ({
  frameworkId: 'cccs13',
  eventId: e.eventId,
  revision: e.revision,
  type: e.type,
  ...(e.data as object),
  recordedAt: e.recordedAt,
  recordedBy: 'seed',
});

describe('import: the plan, made before anything is written', () => {
  it('accepts valid events on top of the stored history, recorded by the actor, with the expected revision', async () => {
    const plan = await planImport(entries(EXTENSION), store, operator);
    expect(plan.refusals).toEqual([]);
    expect(plan.appends).toEqual([
      {
        frameworkId: 'cccs13',
        streamId: 'framework-cccs13',
        expected: STORED.length - 1,
        events: [expect.objectContaining({ type: 'ConventionExtended', metadata: expect.objectContaining({ actor: 'secretariat', importedBy: 'secretariat' }) })],
      },
    ]);
  });

  it('reports every refused line with its status and rule, and later lines are checked on what was accepted', async () => {
    const twice = { ...EXTENSION, effectiveDate: '2017-12' };
    const plan = await planImport(
      entries(EXTENSION, { ...EXTENSION, data: { conventionId: 'cc-1994', newEnd: '1999' } }, { ...EXTENSION, source: undefined }, twice, { ...EXTENSION, frameworkId: 'elsewhere' }, 'text'),
      store,
      operator,
    );
    expect(plan.refusals).toEqual([
      { label: 'line 2', status: 422, reason: expect.stringMatching(/^convention-open-ended: /) },
      { label: 'line 3', status: 400, reason: expect.stringMatching(/^invalid source/) },
      { label: 'line 4', status: 422, reason: expect.stringMatching(/^extension-must-extend: /) },
      { label: 'line 5', status: 404, reason: 'framework elsewhere not found (neither stored nor established earlier in the file)' },
      { label: 'line 6', status: 400, reason: expect.stringContaining('must be a JSON object') },
    ]);
  });

  it('refuses a date too far ahead before anything is appended, as the append would', async () => {
    const plan = await planImport(entries({ ...EXTENSION, data: { conventionId: 'cc-2015', newEnd: '9999' } }), store, { ...operator, maxYearsAhead: 100 });
    expect(plan.refusals).toEqual([{ label: 'line 1', status: 422, reason: expect.stringMatching(/^date-too-far-ahead: data.newEnd 9999/) }]);
    expect(plan.appends).toEqual([]);
  });

  it('creates a framework established earlier in the file', async () => {
    const established = { frameworkId: 'cd13', type: 'FrameworkEstablished', effectiveDate: '2020', data: { name: 'Another' }, source: SOURCE };
    const milestone = { frameworkId: 'cd13', type: 'MilestoneNoted', effectiveDate: '2021', data: { milestoneId: 'm', name: 'M' }, source: SOURCE };
    const plan = await planImport(entries(established, milestone), store, operator);
    expect(plan.refusals).toEqual([]);
    expect(plan.appends).toEqual([expect.objectContaining({ frameworkId: 'cd13', expected: 'no_stream', events: [expect.anything(), expect.anything()] })]);
    const again = await planImport(entries(established), store, operator);
    expect(again.appends[0].events[0].eventId).toBe(plan.appends[0].events[0].eventId);
  });

  it('skips exported events already stored, refuses an id stored with other content, keeps the original recording', async () => {
    const same = exportLine(STORED[3]);
    const changed = { ...exportLine(STORED[4]), effectiveDate: '1990' };
    const plan = await planImport(entries(same, changed), store, operator);
    expect(plan.alreadyStored).toBe(1);
    expect(plan.refusals).toEqual([{ label: 'line 2', status: 409, reason: expect.stringMatching(/^event-id-conflict: /) }]);

    const empty: ImportStore = { history: async (id) => initialHistory(id), findEvent: async () => null };
    const restored = await planImport(entries(...STORED.map(exportLine)), empty, { operator: true });
    expect(restored.refusals).toEqual([]);
    expect(restored.appends[0].events.map((e) => e.eventId)).toEqual(STORED.map((e) => e.eventId));
    expect(restored.appends[0].events[0].metadata).toEqual(
      expect.objectContaining({ actor: 'seed', original: { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'seed' } }),
    );
  });

  it('needs an operator for exported events and an actor for plain ones', async () => {
    await expect(planImport(entries(exportLine(STORED[0])), store, { operator: false, actor: 'x' })).rejects.toThrow(UsageError);
    await expect(planImport(entries(EXTENSION), store, { operator: true })).rejects.toThrow(UsageError);
  });

  it('refuses a line of another framework than --framework, and takes --framework for lines without one', async () => {
    const { frameworkId: _f, ...withoutFramework } = EXTENSION;
    const plan = await planImport(entries(withoutFramework, { ...EXTENSION, frameworkId: 'other' }), store, { ...operator, frameworkId: 'cccs13' });
    expect(plan.refusals).toEqual([{ label: 'line 2', status: 400, reason: expect.stringContaining('not the framework given with --framework') }]);
    expect(plan.appends[0].frameworkId).toBe('cccs13');
  });
});
