import { Query } from '@nestjs/cqrs';
import type { SignedTreeHead } from '../../domain/signed-tree-head.js';

export interface ConsistencyProofAnswer {
  from: number;
  to: number;
  /** PROOF(from, D[to]) of RFC 9162, hex. */
  proof: string[];
  /** The heads signed for those sizes, when there are. */
  fromHead?: SignedTreeHead;
  toHead?: SignedTreeHead;
}

/** The proof that the tree of `to` leaves extends the tree of `from` leaves (default `to`: the latest signed head's size). */
export class ConsistencyProofQuery extends Query<ConsistencyProofAnswer> {
  constructor(
    readonly from: number,
    readonly to?: number,
  ) {
    super();
  }
}
