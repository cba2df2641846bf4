/** What `auditLog` finds: the shapes of its report (also printed by `governance audit --json`). */

export type AuditProblemKind =
  /** A line of the export that cannot be rebuilt into a stored record. */
  | 'unreadable-export-line'
  /** Positions that do not increase along the export. */
  | 'export-out-of-order'
  /** A receipt that is malformed, not signed by the given key, or whose proof does not lead to its signed root. */
  | 'receipt-refused'
  /** A receipted event that is not in the export as it was receipted (another leaf hash). */
  | 'event-differs'
  /** A receipted event beyond the end of the export. */
  | 'event-missing'
  /** A signed tree head whose root is not the root of the export's first treeSize events. */
  | 'head-differs'
  /** A signed tree head of more events than the export holds. */
  | 'head-beyond-export'
  /**
   * Signed hashes that cannot belong to one history: two heads of one size with different
   * roots, two receipts for one leaf with different events, or proofs that contradict each
   * other. The key signed two histories (it was used after the log was rewritten).
   */
  | 'fork';

export interface AuditProblem {
  kind: AuditProblemKind;
  message: string;
  /** Where it was read: `receipt line 3`, `export line 12`. */
  label?: string;
  leafIndex?: number;
  position?: number | null;
  treeSize?: number;
}

/** A leaf of the log, by its index in the tree and the position of its event. */
export interface LeafPlace {
  leafIndex: number;
  /** The position the receipts give for it (the original one), else the export's; null when neither does. */
  position: number | null;
}

export interface FirstDisagreement {
  /** True when the first differing event is known exactly (`from` = `to`). */
  exact: boolean;
  from: LeafPlace;
  to: LeafPlace;
  /**
   * Set when it matters: how early the first disagreement can be if the key also signed another
   * history that the receipts do not show (the bracket then rests only on the receipts that
   * disagree with the export; receipts that agree may belong to the other history).
   */
  ifAnotherHistory?: LeafPlace;
  message: string;
}

export interface AuditReport {
  ok: boolean;
  /** The key the receipts were checked with (SHA-256 of its SPKI, hex). */
  keyId: string;
  export: { events: number; lastPosition: number | null };
  receipts: { read: number; verified: number; refused: number };
  treeHeads: {
    /** Distinct heads among the verified receipts. */
    verified: number;
    /** Of which the root equals the root of the export's first treeSize events. */
    matchingExport: number;
    largestTreeSize: number | null;
    /** Every later head extends every earlier one (consistency proofs from the export, verified against the signed roots). */
    consistent: boolean;
    /** The receipts show two histories signed with the key (see the `fork` problems). */
    forked: boolean;
  };
  /**
   * The first event where the export and the receipts disagree (exact, or the narrowest bracket);
   * null when they agree. From all the evidence when the receipts are of one history; when they
   * show two (`forked`), only from the receipts that themselves disagree with the export, so that
   * the receipts of the other history (which may match the export) cannot move it.
   */
  firstDisagreement: FirstDisagreement | null;
  /** Every problem found (in the order found): the first `MAX_LISTED_PROBLEMS` are listed. */
  problemCount: number;
  problems: AuditProblem[];
}

export const MAX_LISTED_PROBLEMS = 1000;
