import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from '../../../../infrastructure/transparency-log/transparency-log.port.js';
import { badField, checkSignedSize } from '../log-params.js';
import { ConsistencyProofQuery, type ConsistencyProofAnswer } from './consistency-proof.query.js';

@QueryHandler(ConsistencyProofQuery)
export class ConsistencyProofHandler implements IQueryHandler<ConsistencyProofQuery> {
  constructor(@Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLogPort) {}

  async execute(query: ConsistencyProofQuery): Promise<ConsistencyProofAnswer> {
    const latest = await this.log.head();
    const to = query.to ?? latest.treeSize;
    checkSignedSize('to', to, latest.treeSize);
    if (query.from > to) throw badField('from', `from must be at most to (${to})`);
    const [fromHead, toHead] = await Promise.all([this.log.signedHead(query.from), to === latest.treeSize ? latest : this.log.signedHead(to)]);
    return {
      from: query.from,
      to,
      proof: await this.log.consistencyProof(query.from, to),
      ...(fromHead ? { fromHead } : {}),
      ...(toHead ? { toHead } : {}),
    };
  }
}
