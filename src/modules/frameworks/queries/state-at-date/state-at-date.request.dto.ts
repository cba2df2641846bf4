import { ApiProperty } from '@nestjs/swagger';
import { IsDay, KnownAtParams } from '../../../../platform/http/query-params.js';

/** The query of `GET /api/frameworks/{id}/state` (and of `governance state`). */
export class StateParams extends KnownAtParams {
  @ApiProperty({ format: 'date', example: '2007-06-30', description: 'The effective day, YYYY-MM-DD' })
  @IsDay()
  at: string;
}
