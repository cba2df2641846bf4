import type { KeyObject } from 'node:crypto';
import { inclusionPathRanges, verifyConsistency } from '../merkle.js';
import { verifyReceipt, type Receipt } from '../receipt.js';
import { keyIdOf, type SignedTreeHead } from '../signed-tree-head.js';
import { MAX_LISTED_PROBLEMS, type AuditProblem, type AuditReport, type FirstDisagreement, type LeafPlace } from './audit-report.js';
import { DisagreementBracket, type LeafRangeEvidence } from './disagreement-bracket.js';
import { ExportLeaves, type ExportEntry } from './export-leaves.js';

/** One receipt as read from the partner's file: its label (`receipt line 3`) and JSON value, or its text when not JSON. */
export interface ReceiptEntry {
  label: string;
  value?: unknown;
  unparsable?: string;
}

export interface AuditInput {
  receipts: Iterable<ReceiptEntry>;
  /** The lines of a lossless export (`governance export`, JSON Lines), in file order. */
  exportLines: Iterable<ExportEntry>;
  /** The log's public key, as the partner got it (not from the server being audited). */
  publicKey: KeyObject;
}

/**
 * The offline audit: proves, from the receipts a partner kept and an export of the log, without
 * trusting the server that produced the export, that
 *   1. each receipt's tree head is signed by the key, and its proof leads its leaf to that root;
 *   2. each receipted event is in the export, unchanged (same leaf hash at the same leaf index);
 *   3. each head's root is the root of the export's first treeSize events;
 *   4. every later head is consistent with every earlier one (RFC 9162 consistency proofs
 *      computed from the export, verified against the signed roots); two heads of one size
 *      with different roots are reported as a fork.
 * It names the first event where the export and the receipts disagree: exactly when the
 * evidence pins it (a receipt for every append does), otherwise the narrowest bracket that the
 * heads, the leaves and the hashes of the inclusion proofs allow (see DisagreementBracket).
 *
 * The receipts a partner kept are read as one signed history. A key used after the log was
 * rewritten can sign a second one; where the receipts show it (two roots for one size, two
 * events for one leaf, proofs that contradict each other) it is reported as a `fork`, and the
 * bracket then rests only on the receipts that disagree with the export.
 */
export function auditLog(input: AuditInput): AuditReport {
  const audit = new LogAudit(input.publicKey);
  for (const line of input.exportLines) audit.addExportLine(line);
  for (const receipt of input.receipts) audit.addReceipt(receipt);
  return audit.report();
}

/**
 * The same audit, fed one line at a time (the command line streams both files): every export
 * line first, then the receipts; only hashes, positions and the distinct heads are kept.
 */
export class LogAudit {
  private readonly exported = new ExportLeaves();
  private closed = false;
  /** All the evidence: the receipts read as one history. */
  private pooled = new DisagreementBracket(0);
  /** The evidence of the receipts that disagree with the export somewhere (relied on when two histories show). */
  private deviating = new DisagreementBracket(0);
  private readonly problems: AuditProblem[] = [];
  private problemCount = 0;
  /** The first head seen for each size; whether each distinct head (size and root) matches the export. */
  private readonly headBySize = new Map<number, SignedTreeHead>();
  private readonly headAgrees = new Map<string, boolean>();
  private forks = 0;
  /** The leaves receipts showed equal to the export's (one bit each), and the other hashes they gave. */
  private equalLeaves = new Uint8Array(0);
  private readonly otherLeaves = new Map<number, string>();
  private readonly receiptPositions = new Map<number, number>();
  private readonly subtrees = new Map<string, string>();
  private read = 0;
  private verified = 0;

  constructor(private readonly publicKey: KeyObject) {}

  addExportLine(entry: ExportEntry): void {
    if (this.closed) throw new Error('the audit reads the whole export before the receipts');
    this.exported.add(entry);
  }

  /** 1, 2, 3: checks a receipt and records what its head, leaf and proof say about the export. */
  addReceipt(entry: ReceiptEntry): void {
    this.closeExport();
    this.read++;
    const receipt = this.verifiedReceipt(entry);
    if (receipt === null) return;
    this.verified++;
    const { leafIndex, position, treeHead: head } = receipt;
    const evidence: LeafRangeEvidence[] = [{ start: 0, end: head.treeSize, equal: this.checkHead(head) }];

    if (!this.receiptPositions.has(leafIndex)) this.receiptPositions.set(leafIndex, position);
    const leafEqual = leafIndex < this.exported.length && this.subtreeHex(leafIndex, leafIndex + 1) === receipt.leafHash;
    evidence.push({ start: leafIndex, end: leafIndex + 1, equal: leafEqual });
    this.claimLeaf(entry.label, receipt, leafEqual);
    if (leafIndex >= this.exported.length) {
      this.problem({ kind: 'event-missing', label: entry.label, leafIndex, position, message: `${entry.label}: the event at position ${position} is missing from the export` });
    } else if (!leafEqual) {
      const there = this.exported.positions[leafIndex];
      const what = there === position ? 'another event there' : `position ${there} there`;
      this.problem({ kind: 'event-differs', label: entry.label, leafIndex, position, message: `${entry.label}: the event at position ${position} is not in the export as it was receipted (the export has ${what})` });
    }
    inclusionPathRanges(leafIndex, head.treeSize).forEach((range, i) => {
      evidence.push({ ...range, equal: range.end <= this.exported.length && this.subtreeHex(range.start, range.end) === receipt.inclusionProof[i] });
    });

    const deviates = evidence.some((e) => !e.equal);
    for (const e of evidence) {
      this.pooled.add(e);
      if (deviates) this.deviating.add(e);
    }
  }

  /** 4 and the first disagreement. */
  report(): AuditReport {
    this.closeExport();
    if (this.pooled.contradicts) {
      this.forks++;
      this.problem({ kind: 'fork', message: 'the hashes signed in the receipts contradict each other: two histories were signed with this key' });
    }
    const forked = this.forks > 0;
    const heads = [...this.headBySize.values()].sort((a, b) => a.treeSize - b.treeSize);
    const agreeing = [...this.headAgrees.values()].filter(Boolean).length;
    const exportProblems = this.exported.problems;
    const found = (forked ? this.deviating : this.pooled).bracket();
    const cautious = this.deviating.bracket();
    return {
      ok: this.problemCount + exportProblems.length === 0,
      keyId: keyIdOf(this.publicKey),
      export: { events: this.exported.length, lastPosition: this.lastExportPosition() },
      receipts: { read: this.read, verified: this.verified, refused: this.read - this.verified },
      treeHeads: {
        verified: this.headAgrees.size,
        matchingExport: agreeing,
        largestTreeSize: heads.at(-1)?.treeSize ?? null,
        consistent: !forked && agreeing === this.headAgrees.size && this.consistent(heads),
        forked,
      },
      firstDisagreement: found === null ? null : this.describe(found.low, found.high, forked, cautious !== null && cautious.low < found.low ? cautious.low : null),
      problemCount: this.problemCount + exportProblems.length,
      problems: [...exportProblems, ...this.problems].slice(0, MAX_LISTED_PROBLEMS),
    };
  }

  /** The receipt when it verifies with the key and its position agrees with its event; otherwise reported, null. */
  private verifiedReceipt(entry: ReceiptEntry): Receipt | null {
    const claimed = (entry.value as { position?: unknown } | undefined)?.position;
    const refuse = (why: string) => {
      this.problem({ kind: 'receipt-refused', label: entry.label, position: typeof claimed === 'number' ? claimed : null, message: `${entry.label}: ${why}` });
      return null;
    };
    if (entry.unparsable !== undefined) return refuse('not JSON');
    const check = verifyReceipt(entry.value, this.publicKey);
    if (!check.ok) return refuse(check.problem);
    const receipt = entry.value as Receipt;
    const there = this.exported.positions[receipt.leafIndex];
    if (receipt.leafIndex < this.exported.length && there !== receipt.position && this.subtreeHex(receipt.leafIndex, receipt.leafIndex + 1) === receipt.leafHash) {
      // The position is not signed; the leaf (which contains it) is: the receipt's field was altered.
      return refuse(`its position ${receipt.position} is not that of its event (${there})`);
    }
    return receipt;
  }

  /** Whether the head matches the export (each distinct head checked and reported once); two roots for one size are a fork. */
  private checkHead(head: SignedTreeHead): boolean {
    const key = `${head.treeSize}:${head.rootHash}`;
    const known = this.headAgrees.get(key);
    if (known !== undefined) return known;
    const first = this.headBySize.get(head.treeSize);
    if (first === undefined) this.headBySize.set(head.treeSize, head);
    else {
      this.forks++;
      this.problem({
        kind: 'fork',
        treeSize: head.treeSize,
        message: `two tree heads signed for ${head.treeSize} events have different roots (signed at ${first.timestamp} and ${head.timestamp}): two histories were signed with this key`,
      });
    }
    let agrees = false;
    if (head.treeSize > this.exported.length) {
      this.problem({ kind: 'head-beyond-export', treeSize: head.treeSize, message: `the tree head signed at ${head.timestamp} covers ${head.treeSize} events; the export has only ${this.exported.length}` });
    } else {
      agrees = this.subtreeHex(0, head.treeSize) === head.rootHash;
      if (!agrees) this.problem({ kind: 'head-differs', treeSize: head.treeSize, message: `the tree head signed at ${head.timestamp} (${head.treeSize} events) does not match the export's first ${head.treeSize} events` });
    }
    this.headAgrees.set(key, agrees);
    return agrees;
  }

  /** Two receipts giving two different events for one leaf: a fork (reported once per leaf). */
  private claimLeaf(label: string, receipt: Receipt, equal: boolean): void {
    const { leafIndex, leafHash, position } = receipt;
    const shownEqual = leafIndex < this.equalLeaves.length * 8 && (this.equalLeaves[leafIndex >> 3] & (1 << (leafIndex & 7))) !== 0;
    const other = this.otherLeaves.get(leafIndex);
    let fork = false;
    if (equal) {
      fork = other !== undefined && other !== 'fork';
      this.equalLeaves[leafIndex >> 3] |= 1 << (leafIndex & 7);
    } else {
      fork = other !== 'fork' && (shownEqual || (other !== undefined && other !== leafHash));
      if (other === undefined) this.otherLeaves.set(leafIndex, leafHash);
    }
    if (!fork) return;
    this.otherLeaves.set(leafIndex, 'fork');
    this.forks++;
    this.problem({ kind: 'fork', label, leafIndex, position, message: `${label}: another receipt gives another event at position ${position}: two histories were signed with this key` });
  }

  /** 4: consecutive heads (by size) proven consistent with proofs computed from the export. */
  private consistent(heads: readonly SignedTreeHead[]): boolean {
    for (let i = 1; i < heads.length; i++) {
      const [earlier, later] = [heads[i - 1], heads[i]];
      const proof = this.exported.tree.consistencyProof(earlier.treeSize, later.treeSize);
      const claim = { fromSize: earlier.treeSize, toSize: later.treeSize, fromRoot: Buffer.from(earlier.rootHash, 'hex'), toRoot: Buffer.from(later.rootHash, 'hex'), proof };
      if (!verifyConsistency(claim)) return false;
    }
    return true;
  }

  private describe(low: number, high: number, forked: boolean, earliest: number | null): FirstDisagreement {
    const place = (leafIndex: number): LeafPlace => ({ leafIndex, position: this.receiptPositions.get(leafIndex) ?? this.exported.positions[leafIndex] ?? null });
    const [from, to] = [place(low), place(high)];
    const at = (p: LeafPlace) => (p.position !== null ? `position ${p.position}` : `leaf ${p.leafIndex}`);
    const other = earliest === null ? {} : { ifAnotherHistory: place(earliest) };
    const note = forked
      ? ' (two histories were signed with this key: only the receipts that disagree with the export are relied on)'
      : earliest !== null
        ? `; if the key also signed another history, it can be as early as ${at(place(earliest))}`
        : '';
    if (low !== high) {
      return { exact: false, from, to, ...other, message: `the export and the receipts first disagree between ${at(from)} and ${at(to)} (leaves ${low} to ${high}); a receipt for every append names the exact position${note}` };
    }
    const last = this.lastExportPosition();
    const detail =
      low >= this.exported.length
        ? `the event is missing from the export (it ends ${last === null ? 'empty' : `at position ${last}`})`
        : this.problems.some((p) => p.kind === 'event-differs' && p.leafIndex === low)
          ? 'the event differs from the one receipted'
          : 'the export has another event there than the one the signed tree heads include';
    return { exact: true, from, to, ...other, message: `the export and the receipts first disagree at ${at(from)}: ${detail}${note}` };
  }

  private closeExport(): void {
    if (this.closed) return;
    this.closed = true;
    this.exported.flush();
    this.pooled = new DisagreementBracket(this.exported.length);
    this.deviating = new DisagreementBracket(this.exported.length);
    this.equalLeaves = new Uint8Array(Math.ceil(this.exported.length / 8));
  }

  private problem(problem: AuditProblem): void {
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(problem);
  }

  private lastExportPosition(): number | null {
    return this.exported.positions.findLast((p) => p !== null) ?? null;
  }

  /** The export's subtree hashes, hex, remembered (receipts share most of their proof ranges). */
  private subtreeHex(start: number, end: number): string {
    const key = `${start}:${end}`;
    let hash = this.subtrees.get(key);
    if (hash === undefined) {
      if (this.subtrees.size >= 200_000) this.subtrees.clear();
      hash = Buffer.from(this.exported.tree.subtreeHash(start, end)).toString('hex');
      this.subtrees.set(key, hash);
    }
    return hash;
  }
}
