import { CCCS13_SEED } from '../../seed/cccs13.seed.js';
import { knownFacts } from '../facts/known-facts.js';
import type { RecordedEvent } from '../events/framework.events.js';
import { buildTimeline } from '../timeline/fold.js';
import { itemVersions } from './item-versions.js';
import { segmentsOf } from './segments.js';

const events = CCCS13_SEED.map(({ key, ...event }, i) => ({
  ...event,
  eventId: key,
  frameworkId: 'cccs13',
  revision: i,
  position: i + 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  recordedBy: 'seed',
})) as RecordedEvent[];

describe('item versions', () => {
  const { facts } = knownFacts(events);
  const timeline = buildTimeline(facts);
  const items = itemVersions(timeline, facts);

  it('are the segments of every item, in effective order', () => {
    const segments = segmentsOf(timeline);
    expect(items.flatMap((i) => i.versions)).toHaveLength(segments.length);
    for (const item of items) {
      const own = segments.filter((s) => s.kind === item.kind && s.itemId === item.id);
      expect(item.versions.map((v) => [v.validFrom, v.validTo, v.view])).toEqual(own.map((s) => [s.validFrom, s.validTo, s.payload]));
    }
  });

  it('name the facts behind each change: the 2003 convention signed, then renewed in 2006 and 2007', () => {
    const cc2003 = items.find((i) => i.kind === 'convention' && i.id === 'cc-2003')!;
    expect(cc2003.versions.map((v) => [v.validFrom, v.validTo, v.view.end, v.changedBy])).toEqual([
      ['2003-01-01', '2006-01-01', '2005-12-31', ['cc-2003-signed']],
      ['2006-01-01', '2007-01-01', '2006-12-31', expect.arrayContaining(['cc-2003-renewed-2006'])],
      ['2007-01-01', '2008-01-01', '2007-12-31', expect.arrayContaining(['cc-2003-renewed-2007'])],
    ]);
  });
});
