import { Query } from '@nestjs/cqrs';
import type { SignedTreeHead } from '../../domain/signed-tree-head.js';

export interface InclusionProofAnswer {
  position: number;
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  /** PATH(leafIndex, D[treeSize]) of RFC 9162, hex. */
  proof: string[];
  /** The head signed for that size, when there is one. */
  treeHead?: SignedTreeHead;
}

/** The inclusion proof of the event at `position` in the tree of `treeSize` leaves (default: the latest signed head's). */
export class InclusionProofQuery extends Query<InclusionProofAnswer> {
  constructor(
    readonly position: number,
    readonly treeSize?: number,
  ) {
    super();
  }
}
