/**
 * The page draws the state on any date from ONE answer (every item's versions): the state it looks
 * up must be the state the service answers, list by list and in the same order, on every day
 * something changes and on days in between — checked here against the server's own fold.
 */
import fc from 'fast-check';
import type { RecordedEvent } from '../../src/modules/frameworks/domain/events/framework.events.js';
import { knownFacts } from '../../src/modules/frameworks/domain/facts/known-facts.js';
import { itemVersions } from '../../src/modules/frameworks/domain/state/item-versions.js';
import { stateAt } from '../../src/modules/frameworks/domain/state/state-at.js';
import { buildTimeline } from '../../src/modules/frameworks/domain/timeline/fold.js';
import { CCCS13_SEED } from '../../src/modules/frameworks/seed/cccs13.seed.js';
import { addDays, numDay } from '../../web/src/dates.js';
import { buildModel, nextChange, stateOn } from '../../web/src/items-model.js';
import { KINDS } from '../../web/src/labels.js';

const events = CCCS13_SEED.map(({ key, ...event }, i) => ({
  ...event,
  eventId: key,
  frameworkId: 'cccs13',
  revision: i,
  position: i + 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  recordedBy: 'seed',
})) as RecordedEvent[];

describe('the state the page looks up in the items’ versions', () => {
  const { facts } = knownFacts(events);
  const timeline = buildTimeline(facts);
  const model = buildModel({ frameworkId: 'cccs13', knownAt: null, revision: 34, items: itemVersions(timeline, facts) });

  const same = (day: string) => {
    const server = stateAt(timeline, day);
    const page = stateOn(model, day);
    for (const key of KINDS) expect({ day, key, items: page[key] }).toEqual({ day, key, items: server[key] });
  };

  it('is the service’s state on every day something starts or stops, and the day before', () => {
    expect(model.changeDays.length).toBeGreaterThanOrEqual(10);
    for (const day of model.changeDays) {
      same(day);
      same(addDays(day, -1));
    }
  });

  it('is the service’s state on any day of the history', () => {
    fc.assert(
      fc.property(fc.integer({ min: model.axisMin - 400, max: model.axisMax + 400 }), (n) => same(numDay(n))),
      { numRuns: 300 },
    );
  });

  it('steps from change to change: « Modification précédente / suivante »', () => {
    expect(nextChange(model, '2007-06-30', 1)).toBe('2008-01-01');
    expect(nextChange(model, '2007-06-30', -1)).toBe('2007-01-01');
    expect(nextChange(model, '2008-01-01', -1)).toBe('2007-01-01');
    expect(nextChange(model, model.changeDays[0], -1)).toBeNull();
    expect(nextChange(model, model.changeDays[model.changeDays.length - 1], 1)).toBeNull();
  });

  it('draws each item as runs of versions that follow each other, and the axis over the whole history', () => {
    const cc2003 = model.items.find((i) => i.kind === 'convention' && i.id === 'cc-2003')!;
    expect(cc2003.runs.map((r) => [r.from, r.to])).toEqual([['2003-01-01', '2007-12-31']]);
    expect(cc2003.versions).toHaveLength(3);
    expect(numDay(model.axisMin)).toBe('1980-01-01');
    expect(numDay(model.axisMax)).toBe('2017-12-31');
    expect(model.names['parties:vitrolles']).toBe('Vitrolles');
  });
});
