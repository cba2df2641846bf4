import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ListFrameworksQuery } from './list-frameworks.query.js';

@Controller('api/frameworks')
export class ListFrameworksController {
  constructor(private readonly queries: QueryBus) {}

  /** `[{ id, name, description?, createdAt, revision, eventCount, updatedAt }]` */
  @Get()
  list() {
    return this.queries.execute(new ListFrameworksQuery());
  }
}
