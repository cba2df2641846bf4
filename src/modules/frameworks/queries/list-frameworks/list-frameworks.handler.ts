import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { FrameworkSummary } from '../../../../infrastructure/read-models/read-model.port.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { ListFrameworksQuery } from './list-frameworks.query.js';

@QueryHandler(ListFrameworksQuery)
export class ListFrameworksHandler implements IQueryHandler<ListFrameworksQuery> {
  constructor(private readonly reader: FrameworkReader) {}

  execute(): Promise<FrameworkSummary[]> {
    return this.reader.readModels.listFrameworks();
  }
}
