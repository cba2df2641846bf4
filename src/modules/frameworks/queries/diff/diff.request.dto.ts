import { ApiProperty } from '@nestjs/swagger';
import { IsDay, KnownAtParams } from '../../../../platform/http/query-params.js';

/** The query of `GET /api/frameworks/{id}/diff` (and of `governance diff`). */
export class DiffParams extends KnownAtParams {
  @ApiProperty({ format: 'date', example: '2005-06-30', description: 'The earlier day, YYYY-MM-DD' })
  @IsDay()
  from: string;
  @ApiProperty({ format: 'date', example: '2007-06-30', description: 'The later day, YYYY-MM-DD (not before `from`)' })
  @IsDay()
  to: string;
}
