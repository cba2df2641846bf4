import { Module } from '@nestjs/common';
import { ConsistencyProofController } from './queries/consistency-proof/consistency-proof.http.controller.js';
import { ConsistencyProofHandler } from './queries/consistency-proof/consistency-proof.handler.js';
import { InclusionProofController } from './queries/inclusion-proof/inclusion-proof.http.controller.js';
import { InclusionProofHandler } from './queries/inclusion-proof/inclusion-proof.handler.js';
import { LogHeadController } from './queries/log-head/log-head.http.controller.js';
import { LogHeadHandler } from './queries/log-head/log-head.handler.js';
import { LogKeyController } from './queries/log-key/log-key.http.controller.js';
import { LogKeyHandler } from './queries/log-key/log-key.handler.js';
import { LogReceiptController } from './queries/log-receipt/log-receipt.http.controller.js';
import { LogReceiptHandler } from './queries/log-receipt/log-receipt.handler.js';

/**
 * The transparency log's public reads (docs/transparency.md): its key, its latest signed head,
 * receipts, inclusion and consistency proofs. The tree itself is kept by the infrastructure
 * (TRANSPARENCY_LOG: in the embedded store's appends, or by a follower of the log).
 */
@Module({
  controllers: [LogKeyController, LogHeadController, LogReceiptController, InclusionProofController, ConsistencyProofController],
  providers: [LogKeyHandler, LogHeadHandler, LogReceiptHandler, InclusionProofHandler, ConsistencyProofHandler],
})
export class TransparencyLogModule {}
