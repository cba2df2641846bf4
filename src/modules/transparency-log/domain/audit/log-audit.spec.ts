import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import type { StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { exportOf, generatedEvent, generatedLog, receiptEntries, receiptsOf } from '../testing/generated-log.js';
import { auditLog } from './log-audit.js';

const key = generateKeyPairSync('ed25519');
const N = 60;
const LOG = generatedLog(N);
/** A receipt for every append, one event per append. */
const RECEIPTS = receiptsOf(LOG, key.privateKey);

const audit = (events: readonly StoredEvent[], receipts = RECEIPTS, publicKey = key.publicKey) =>
  auditLog({ receipts: receiptEntries(receipts), exportLines: exportOf(events), publicKey });

/** The log with the event at `position` replaced by `change(event)`. */
const rewrite = (events: readonly StoredEvent[], position: number, change: (e: StoredEvent) => StoredEvent) =>
  events.map((e) => (e.position === position ? change(e) : e));

const kinds = (report: ReturnType<typeof audit>) => [...new Set(report.problems.map((p) => p.kind))].sort();

describe('offline audit of receipts against an export', () => {
  it('passes an untouched log', () => {
    const report = audit(LOG);
    expect(report).toMatchObject({
      ok: true,
      export: { events: N, lastPosition: N },
      receipts: { read: N, verified: N, refused: 0 },
      treeHeads: { verified: N, matchingExport: N, largestTreeSize: N, consistent: true },
      firstDisagreement: null,
      problems: [],
    });
  });

  it('passes an untouched log that grew after the last receipt', () => {
    expect(audit([...LOG, generatedEvent(N + 1), generatedEvent(N + 2)])).toMatchObject({ ok: true, firstDisagreement: null });
  });

  it('names the position of a truncation with the sequence rewound (last events deleted, new ones at the same positions)', () => {
    const rewritten = [...LOG.slice(0, 44), ...generatedLog(N, '-new').slice(44)];
    expect(rewritten.map((e) => e.position)).toEqual(LOG.map((e) => e.position));
    const report = audit(rewritten);
    expect(report.ok).toBe(false);
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { leafIndex: 44, position: 45 }, to: { position: 45 } });
    expect(report.firstDisagreement!.message).toBe('the export and the receipts first disagree at position 45: the event differs from the one receipted');
    expect(report.problems.filter((p) => p.kind === 'event-differs').map((p) => p.position)).toEqual(Array.from({ length: 16 }, (_, i) => 45 + i));
    expect(report.treeHeads).toMatchObject({ matchingExport: 44, consistent: false });

    // The compromised server, which holds the key, went on signing the rewritten log: its new
    // receipts verify, and the two histories show as forks (heads of one size, events of one leaf).
    const both = audit(rewritten, [...RECEIPTS, ...receiptsOf(rewritten, key.privateKey).slice(44)]);
    expect(both.treeHeads.forked).toBe(true);
    expect(both.firstDisagreement).toMatchObject({ exact: true, from: { position: 45 } });
    expect(both.firstDisagreement!.message).toContain('two histories were signed with this key');
    const forks = both.problems.filter((p) => p.kind === 'fork');
    expect(forks.filter((p) => p.treeSize !== undefined).map((p) => p.treeSize)).toEqual(Array.from({ length: 16 }, (_, i) => 45 + i));
    expect(forks.filter((p) => p.leafIndex !== undefined).map((p) => p.position)).toEqual(Array.from({ length: 16 }, (_, i) => 45 + i));
  });

  it('does not let receipts of a second history signed with the key hide where the first one was rewritten', () => {
    // The log was cut back and other events appended; the partner kept one receipt from before
    // (position 60) and one from after (position 50, matching the export).
    const cut = (kept: number) => [...LOG.slice(0, kept), ...generatedLog(50, '-new').slice(kept)];
    const receipts = (rewritten: StoredEvent[]) => [RECEIPTS[59], receiptsOf(rewritten, key.privateKey)[49]];

    // Cut back to 47: the proofs contradict each other (the later head covers leaves an earlier
    // proof shows changed), a fork; only the receipt from before is relied on.
    const contradicted = audit(cut(47), receipts(cut(47)));
    expect(contradicted.treeHeads.forked).toBe(true);
    expect(contradicted.problems.map((p) => p.kind)).toContain('fork');
    expect(contradicted.firstDisagreement).toMatchObject({ exact: false, from: { leafIndex: 32 }, to: { leafIndex: 47, position: 48 } });

    // Cut back to 49: nothing in the receipts contradicts; read as one history, they disagree with
    // the export from leaf 50 (past its end), but the receipt from before alone allows position 49.
    const hidden = audit(cut(49), receipts(cut(49)));
    expect(hidden.treeHeads.forked).toBe(false);
    expect(hidden.firstDisagreement).toMatchObject({ exact: true, from: { leafIndex: 50 }, ifAnotherHistory: { leafIndex: 48, position: 49 } });
    expect(hidden.firstDisagreement!.message).toContain('if the key also signed another history, it can be as early as position 49');
  });

  it('names the position of a forged row (actor and name changed, everything rehashed)', () => {
    const forged = rewrite(LOG, 23, (e) => ({
      ...e,
      metadata: { ...e.metadata, actor: 'intruder' },
      data: { ...e.data, data: { ...(e.data.data as object), name: 'Comité falsifié' } },
    }));
    const report = audit(forged);
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { position: 23 }, to: { position: 23 } });
    expect(report.problems.filter((p) => p.kind === 'event-differs').map((p) => p.position)).toEqual([23]);
    expect(report.problems.filter((p) => p.kind === 'head-differs').map((p) => p.treeSize)).toEqual(Array.from({ length: N - 22 }, (_, i) => 23 + i));
  });

  it('names the position of a swapped pair (contents exchanged, positions kept in order)', () => {
    const swapped = LOG.map((e) => (e.position === 30 ? { ...LOG[30], position: 30 } : e.position === 31 ? { ...LOG[29], position: 31 } : e));
    const report = audit(swapped);
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { position: 30 } });
    expect(report.problems.filter((p) => p.kind === 'event-differs').map((p) => p.position)).toEqual([30, 31]);
  });

  it('names the position of a rewritten recordedAt', () => {
    const report = audit(rewrite(LOG, 37, (e) => ({ ...e, recordedAt: '2020-01-01T00:00:00.000Z' })));
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { position: 37 } });
  });

  it('names the original position of a row deleted in the middle (the export skips it)', () => {
    const report = audit(LOG.filter((e) => e.position !== 40));
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { leafIndex: 39, position: 40 } });
    expect(report.problems.find((p) => p.position === 40)!.message).toContain('the export has position 41 there');
  });

  it('names the first missing position when the export was cut short', () => {
    const report = audit(LOG.slice(0, 55));
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { leafIndex: 55, position: 56 } });
    expect(report.firstDisagreement!.message).toContain('missing from the export (it ends at position 55)');
    expect(kinds(report)).toEqual(['event-missing', 'head-beyond-export']);
  });

  describe('a history rewritten and fully re-signed with a NEW key', () => {
    const attacker = generateKeyPairSync('ed25519');
    const rewritten = rewrite(LOG, 12, (e) => ({ ...e, metadata: { ...e.metadata, actor: 'intruder' } }));
    const reissued = receiptsOf(rewritten, attacker.privateKey);

    it('is caught with the receipts the partner kept and the key it was given: the position is named', () => {
      expect(audit(rewritten, RECEIPTS, key.publicKey).firstDisagreement).toMatchObject({ exact: true, from: { position: 12 } });
    });

    it('gets none of its new receipts accepted under the partner\'s key', () => {
      const report = audit(rewritten, reissued, key.publicKey);
      expect(report).toMatchObject({ ok: false, receipts: { verified: 0, refused: N }, firstDisagreement: null });
      expect(report.problems[0].message).toMatch(/^receipt line 1: tree head: signed by another key/);
    });

    it('cannot pass the partner\'s receipts off under the new key', () => {
      const report = audit(rewritten, RECEIPTS, attacker.publicKey);
      expect(report).toMatchObject({ ok: false, receipts: { verified: 0, refused: N } });
      expect(new Set(report.problems.map((p) => p.kind))).toEqual(new Set(['receipt-refused']));
    });
  });

  it('with receipts for every group commit (several events per head), still names the exact position', () => {
    const grouped = receiptsOf(LOG, key.privateKey, 4);
    expect(audit(LOG, grouped).ok).toBe(true);
    const forged = rewrite(LOG, 23, (e) => ({ ...e, metadata: { ...e.metadata, actor: 'intruder' } }));
    expect(audit(forged, grouped).firstDisagreement).toMatchObject({ exact: true, from: { position: 23 } });
  });

  it('with receipts for some appends only, gives the narrowest bracket the proofs allow', () => {
    const sparse = RECEIPTS.filter((r) => r.position % 10 === 0);
    const forged = rewrite(LOG, 23, (e) => ({ ...e, metadata: { ...e.metadata, actor: 'intruder' } }));
    const report = audit(forged, sparse);
    // The heads alone say (20, 30]; the inclusion proof of position 30 hashes leaves 17-24 apart.
    expect(report.firstDisagreement).toMatchObject({ exact: false, from: { position: 21 }, to: { position: 24 }, ifAnotherHistory: { position: 17 } });
    expect(report.firstDisagreement!.message).toContain('between position 21 and position 24');
  });

  it('reports an unreadable export line at its place', () => {
    const entries = exportOf(LOG);
    entries[32] = { label: 'export line 33', unparsable: '{"frameworkId": "cccs13", ' };
    const report = auditLog({ receipts: receiptEntries(RECEIPTS), exportLines: entries, publicKey: key.publicKey });
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { position: 33 } });
    expect(report.problems[0]).toMatchObject({ kind: 'unreadable-export-line', label: 'export line 33', message: 'export line 33: not JSON' });
  });

  it('refuses a non-lossless export line, and a receipt whose unsigned fields were altered', () => {
    const entries = exportOf(LOG);
    const { storedMetadata: _dropped, ...plain } = entries[4].value as Record<string, unknown>;
    entries[4] = { label: 'export line 5', value: plain };
    const altered = RECEIPTS.map((r) => (r.position === 8 ? { ...r, position: 9 } : r.position === 9 ? { ...r, leafHash: RECEIPTS[0].leafHash } : r));
    const report = auditLog({ receipts: receiptEntries(altered), exportLines: entries, publicKey: key.publicKey });
    expect(report.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'export line 5: the line has no storedMetadata (not a lossless JSON Lines export)',
        'receipt line 8: its position 9 is not that of its event (8)',
        'receipt line 9: the inclusion proof does not lead from the leaf to the signed root',
      ]),
    );
    expect(report.firstDisagreement).toMatchObject({ exact: true, from: { position: 5 } });
  });

  it('reads receipts that are not JSON or not receipts as refused, without stopping', () => {
    const report = auditLog({
      receipts: [{ label: 'receipt line 1', unparsable: 'garbage' }, { label: 'receipt line 2', value: { position: 3 } }, ...receiptEntries(RECEIPTS.slice(2, 3))],
      exportLines: exportOf(LOG),
      publicKey: key.publicKey,
    });
    expect(report).toMatchObject({ ok: false, receipts: { read: 3, verified: 1, refused: 2 }, firstDisagreement: null });
    expect(report.problems.map((p) => p.message)).toEqual(['receipt line 1: not JSON', 'receipt line 2: leafIndex must be a whole number']);
  });

  it('always brackets the rewritten event, and names it exactly with a receipt for every append (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: N }), fc.integer({ min: 1, max: 8 }), fc.array(fc.boolean(), { minLength: N, maxLength: N }), (position, groupSize, kept) => {
        const receipts = receiptsOf(LOG, key.privateKey, groupSize);
        const forged = rewrite(LOG, position, (e) => ({ ...e, metadata: { ...e.metadata, actor: 'intruder' } }));
        expect(audit(forged, receipts).firstDisagreement).toMatchObject({ exact: true, from: { position }, to: { position } });
        const some = receipts.filter((_, i) => kept[i]);
        const found = audit(forged, some).firstDisagreement;
        if (some.some((r) => r.treeHead.treeSize >= position)) {
          expect(found!.from.leafIndex).toBeLessThanOrEqual(position - 1);
          expect(found!.to.leafIndex).toBeGreaterThanOrEqual(position - 1);
        } else {
          // No receipt covers the rewritten event: nothing the partner holds can show it.
          expect(found).toBeNull();
        }
      }),
      { numRuns: 30 },
    );
  });
});
