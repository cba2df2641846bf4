import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsWholeNumber } from '../log-params.js';

/** `GET /api/log/proof/inclusion?position=&treeSize=` */
export class InclusionProofParams {
  @ApiProperty({ description: 'The event’s position in the global log', example: '42', pattern: '^\\d+$' })
  @IsWholeNumber()
  position!: string;
  @ApiPropertyOptional({ description: 'The size of the tree to prove inclusion in (a signed head’s); default: the latest signed head’s', pattern: '^\\d+$' })
  @IsOptional()
  @IsWholeNumber()
  treeSize?: string;
}
