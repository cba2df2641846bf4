import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsWholeNumber } from '../log-params.js';

/** `GET /api/log/proof/consistency?from=&to=` */
export class ConsistencyProofParams {
  @ApiProperty({ description: 'The earlier tree size (e.g. the treeSize of a receipt’s head)', example: '10', pattern: '^\\d+$' })
  @IsWholeNumber()
  from!: string;
  @ApiPropertyOptional({ description: 'The later tree size (at most the latest signed head’s; default: that one)', pattern: '^\\d+$' })
  @IsOptional()
  @IsWholeNumber()
  to?: string;
}
