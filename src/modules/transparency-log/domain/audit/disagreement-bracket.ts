/**
 * Where the first difference between two sequences of leaves (the log the partners were given
 * receipts for, and the export) can be, from what the signed hashes say about ranges of leaves.
 *
 * Each piece of evidence is a range [start, end) of leaf indices whose Merkle hash, signed or
 * proven under a signed root, either EQUALS the export's hash of the same range (those leaves
 * are the same, barring a SHA-256 collision) or DIFFERS (some leaf in the range differs, or is
 * missing from the export when the range goes beyond it).
 *
 * The first differing leaf f then lies in [low, high]:
 *   low  = the end of the run of equal ranges that starts at leaf 0 (all leaves before are equal);
 *   high = for each differing range, its last leaf (or the export's length when the range goes
 *          beyond the export: the first missing leaf is a difference) — the smallest of them.
 * With a receipt for every append, low = high: the exact leaf.
 */

export interface LeafRangeEvidence {
  start: number;
  end: number;
  equal: boolean;
}

export interface Bracket {
  /** The first leaf index the first difference can be at. */
  low: number;
  /** The last leaf index it can be at. */
  high: number;
}

export class DisagreementBracket {
  private readonly equal: { start: number; end: number }[] = [];
  private high = Number.POSITIVE_INFINITY;

  constructor(private readonly exportLength: number) {}

  add(evidence: LeafRangeEvidence): void {
    const { start, end, equal } = evidence;
    if (!(end > start)) return;
    if (equal) {
      this.equal.push({ start, end });
      return;
    }
    const last = end > this.exportLength ? this.exportLength : end - 1;
    this.high = Math.min(this.high, last);
  }

  /** Whether any evidence shows a difference. */
  get differs(): boolean {
    return Number.isFinite(this.high);
  }

  /** The end of the run of equal ranges that starts at leaf 0. */
  private equalPrefix(): number {
    let low = 0;
    for (const range of [...this.equal].sort((a, b) => a.start - b.start)) {
      if (range.start > low) break;
      low = Math.max(low, range.end);
    }
    return low;
  }

  /**
   * Whether the evidence contradicts itself: ranges shown equal from leaf 0 on cover a range
   * shown to differ. Within one signed history that would take a SHA-256 collision; it means
   * the evidence comes from two histories signed with the same key.
   */
  get contradicts(): boolean {
    return this.differs && this.equalPrefix() > this.high;
  }

  /** The bracket of the first difference, or null when no evidence shows one. */
  bracket(): Bracket | null {
    if (!this.differs) return null;
    return { low: Math.min(this.equalPrefix(), this.high), high: this.high };
  }
}
