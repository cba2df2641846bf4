import { Query } from '@nestjs/cqrs';
import type { IntegrityReport } from '../../../../infrastructure/event-store/event-store.port.js';

/** Recompute the log's hash chains and name the first broken link. */
export class VerifyIntegrityQuery extends Query<IntegrityReport & { verifiedAt: string }> {}
