import { generateKeyPairSync } from 'node:crypto';
import type { StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import type { SignedTreeHead } from '../signed-tree-head.js';
import { generatedEvent, generatedLog } from '../testing/generated-log.js';
import { TransparencyLog } from '../transparency-log.js';
import { InMemoryTreeNodeStore } from '../tree-node-store.js';
import { TreeCheck, type StoredLeaf } from './tree-check.js';

/** The service's check of its tree (what `verify` runs): the stored leaves and heads held against the events. */

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

/** What the service stored for `events`: its leaves, and one head per group of `group` events. */
function stored(events: readonly StoredEvent[], group: number, key = privateKey): { leaves: StoredLeaf[]; heads: SignedTreeHead[] } {
  const log = new TransparencyLog(new InMemoryTreeNodeStore(), key);
  const heads: SignedTreeHead[] = [];
  const leaves: StoredLeaf[] = [];
  for (let i = 0; i < events.length; i += group) {
    for (const leaf of log.record(events.slice(i, i + group))) leaves.push({ index: leaf.index, position: leaf.position, hash: leaf.hash });
    heads.push(log.signHead());
  }
  return { leaves, heads };
}

function check(events: readonly StoredEvent[], file: { leaves: StoredLeaf[]; heads: SignedTreeHead[] }) {
  const tree = new TreeCheck({
    storedSize: file.leaves.length,
    complete: true,
    publicKey,
    leaves: (from, limit) => file.leaves.slice(from, from + limit),
    heads: (after, limit) => file.heads.filter((h) => h.treeSize > (after ?? -1)).slice(0, limit),
  });
  tree.addEvents(events);
  return tree.finish();
}

describe('TreeCheck', () => {
  const events = generatedLog(40);
  const file = stored(events, 5);

  it('passes an untouched log and says what it checked', () => {
    expect(check(events, file)).toMatchObject({ ok: true, events: 40, leaves: 40, heads: 8, signatures: 8, treeSize: 40, firstDisagreement: null, problemCount: 0 });
  });

  it('names a changed event exactly, though the heads only bracket it', () => {
    const changed = events.map((e) => (e.position === 13 ? generatedEvent(13, '-forged') : e));
    const report = check(changed, file);
    expect(report.firstDisagreement).toMatchObject({ kind: 'leaf-differs', position: 13, leafIndex: 12 });
    expect(report.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['head-differs', 'leaf-differs']));
  });

  it('brackets the change between two heads when the leaves were rewritten with the events', () => {
    const changed = events.map((e) => (e.position === 13 ? generatedEvent(13, '-forged') : e));
    const rewritten = { leaves: stored(changed, 5).leaves, heads: file.heads };
    const report = check(changed, rewritten);
    expect(report.firstDisagreement).toMatchObject({ kind: 'head-differs', position: 11, toPosition: 15, treeSize: 15 });
    expect(report.firstDisagreement?.message).toContain('between position 11 and position 15');
  });

  it('names removed events at the end, and heads signed with another key', () => {
    const truncated = check(events.slice(0, 37), file);
    expect(truncated.firstDisagreement).toMatchObject({ position: 38, leafIndex: 37 });
    expect(truncated.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['event-missing', 'head-beyond-log']));
    const other = generateKeyPairSync('ed25519').privateKey;
    const resigned = check(events, stored(events, 5, other));
    expect(resigned).toMatchObject({ ok: false, heads: 8, signatures: 0, firstDisagreement: { kind: 'head-signature', position: 5 } });
  });
});
