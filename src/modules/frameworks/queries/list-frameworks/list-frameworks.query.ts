import { Query } from '@nestjs/cqrs';
import type { FrameworkSummary } from '../../../../infrastructure/read-models/read-model.port.js';

export class ListFrameworksQuery extends Query<FrameworkSummary[]> {}
