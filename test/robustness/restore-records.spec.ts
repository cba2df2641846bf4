import { toExportLine } from '../../src/modules/frameworks/queries/export-log/export-format.js';
import { restoreRecords } from '../../src/modules/frameworks/commands/restore-backup/restore-records.js';
import type { StoredEvent } from '../../src/infrastructure/event-store/event-store.port.js';

/** How `restore` reads an export: each line checked, then the whole as one log. */
describe('restore: the records of an export', () => {
  const stored = (revision: number, position: number, metadata: Record<string, unknown> = { actor: 'secretariat', requestHash: 'h' }, id = `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`): StoredEvent => ({
    eventId: id,
    streamId: 'framework-x',
    type: 'MilestoneNoted',
    revision,
    position,
    recordedAt: `2026-01-01T00:00:0${position}.000Z`,
    data: { effectiveDate: '2001', data: { milestoneId: `m${position}`, name: 'M' }, source: { document: 'd', passage: 'p', confidence: 'stated' } },
    metadata,
  });
  const entries = (lines: unknown[]) => lines.map((value, i) => ({ label: `line ${i + 1}`, value }));
  const lossless = (e: StoredEvent) => toExportLine(e, { lossless: true })!;

  it('gives back the stored events of a lossless export, exactly', () => {
    const events = [stored(0, 3, { seedKey: 'k', actor: 'secretariat', original: { recordedAt: '2020-01-01T00:00:00.000Z', recordedBy: 'seed' } }), stored(1, 7)];
    const { records, refusals } = restoreRecords(entries(events.map(lossless)));
    expect(refusals).toEqual([]);
    expect(records).toEqual(events);
    expect(Object.keys(records[0].metadata)).toEqual(['seedKey', 'actor', 'original']);
  });

  it('numbers the lines of an older export (no positions, no stored metadata) in file order', () => {
    const events = [stored(0, 3), stored(1, 7)];
    const { records } = restoreRecords(entries(events.map((e) => toExportLine(e))));
    expect(records.map((r) => r.position)).toEqual([1, 2]);
    expect(records.map((r) => r.metadata)).toEqual(events.map((e) => e.metadata));
  });

  it('names every line at fault on its own', () => {
    const good = lossless(stored(0, 1));
    const { refusals } = restoreRecords(
      entries([
        { ...good, extra: 1 },
        { ...good, recordedAt: '2026-01-01T00:00:00Z' },
        { ...good, type: 'Nonsense', revision: -1 },
        { ...good, storedMetadata: { actor: 'someone else' } },
        { type: 'MilestoneNoted' },
      ]),
    );
    expect(refusals).toEqual([
      { label: 'line 1', status: 400, reason: 'extra is not a field of an export line' },
      { label: 'line 2', status: 400, reason: expect.stringContaining('recordedAt must be an instant as the store writes them') },
      { label: 'line 3', status: 400, reason: 'revision must be a whole number, 0 or more; type "Nonsense" is not an event type' },
      { label: 'line 4', status: 400, reason: 'storedMetadata.actor differs from recordedBy' },
      { label: 'line 5', status: 400, reason: expect.stringContaining('not a line of an export') },
    ]);
  });

  it('refuses a file that is not one log: the first inconsistency named', () => {
    const [a, b, c] = [stored(0, 1), stored(1, 2), stored(2, 3)].map(lossless);
    const first = (lines: unknown[]) => restoreRecords(entries(lines)).refusals;
    expect(first([a, c])).toEqual([{ label: 'line 2', status: 409, reason: 'framework x goes from revision 0 to 2: events are missing or out of order' }]);
    expect(first([a, { ...b, eventId: a.eventId }])).toEqual([{ label: 'line 2', status: 409, reason: `event ${a.eventId} is already on line 1` }]);
    expect(first([a, { ...b, position: 1 }])).toEqual([{ label: 'line 2', status: 409, reason: "position 1 is not after the previous line's (1): lines are out of order" }]);
    expect(first([a, { ...b, recordedAt: '2025-01-01T00:00:00.000Z' }])).toEqual([
      { label: 'line 2', status: 409, reason: "recordedAt 2025-01-01T00:00:00.000Z is before the previous line's (2026-01-01T00:00:01.000Z)" },
    ]);
    const { position: _p, ...older } = b;
    expect(first([a, older])).toEqual([{ label: 'line 2', status: 400, reason: 'no position, unlike line 1: not one export' }]);
    expect(first([older, a])).toEqual([{ label: 'line 2', status: 400, reason: 'a position, unlike line 1: not one export' }]);
  });
});
