import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '../../domain/events/framework.events.js';
import { IsInstant } from '../../../../platform/http/query-params.js';

/** The filters of `GET /api/frameworks/{id}/history` (and of `governance history`). */
export class HistoryParams {
  @ApiPropertyOptional({ description: 'Only the events recorded by this actor', example: 'admin', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;
  @ApiPropertyOptional({ enum: EVENT_TYPES, description: 'Only the events of this type' })
  @IsOptional()
  @IsIn(EVENT_TYPES as unknown as string[])
  type?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or after this instant' })
  @IsOptional()
  @IsInstant()
  since?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or before this instant' })
  @IsOptional()
  @IsInstant()
  until?: string;
}
