import { Query } from '@nestjs/cqrs';
import type { IntegrityReport } from '../../../../infrastructure/event-store/event-store.port.js';
import type { TreeCheckReport } from '../../../transparency-log/domain/audit/tree-check.js';

export interface VerifyReport extends IntegrityReport {
  /** The hash chains and the transparency log both agree with the file. */
  ok: boolean;
  /** The hash chains alone (the fields above describe them). */
  chainsOk: boolean;
  /**
   * The transparency log: the Merkle tree recomputed from the events, held against every stored
   * leaf and every stored signed head (root, and signature with the current public key); names
   * the first position where a head disagrees with the file.
   */
  transparency: TreeCheckReport & { placement: 'embedded' | 'follower' };
  verifiedAt: string;
}

/** Recompute the log's hash chains and its Merkle tree, and name the first place they disagree with the file. */
export class VerifyIntegrityQuery extends Query<VerifyReport> {}
