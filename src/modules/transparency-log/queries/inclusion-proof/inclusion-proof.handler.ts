import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from '../../../../infrastructure/transparency-log/transparency-log.port.js';
import { badField, checkSignedSize, NoLogEntry } from '../log-params.js';
import { InclusionProofQuery, type InclusionProofAnswer } from './inclusion-proof.query.js';

@QueryHandler(InclusionProofQuery)
export class InclusionProofHandler implements IQueryHandler<InclusionProofQuery> {
  constructor(@Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLogPort) {}

  async execute({ position, treeSize }: InclusionProofQuery): Promise<InclusionProofAnswer> {
    const latest = await this.log.head();
    const size = treeSize ?? latest.treeSize;
    checkSignedSize('treeSize', size, latest.treeSize);
    const leaf = await this.log.leaf(position);
    if (leaf === null || leaf.leafIndex >= latest.treeSize) throw new NoLogEntry(position);
    if (leaf.leafIndex >= size) {
      throw badField('treeSize', `treeSize must be more than ${leaf.leafIndex}: the event at position ${position} is leaf ${leaf.leafIndex}, not in a tree of ${size} events`);
    }
    const head = size === latest.treeSize ? latest : await this.log.signedHead(size);
    return { ...leaf, treeSize: size, proof: await this.log.inclusionProof(leaf.leafIndex, size), ...(head ? { treeHead: head } : {}) };
  }
}
