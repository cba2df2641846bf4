import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { horizonAt } from '../../domain/state/horizon.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { ListFrameworksQuery, type FrameworkListing } from './list-frameworks.query.js';

@QueryHandler(ListFrameworksQuery)
export class ListFrameworksHandler implements IQueryHandler<ListFrameworksQuery> {
  constructor(private readonly reader: FrameworkReader) {}

  async execute(): Promise<FrameworkListing[]> {
    return (await this.reader.readModels.listFrameworks()).map(({ horizons, format: _format, ...summary }) => ({ ...summary, horizon: horizonAt(horizons) }));
  }
}
