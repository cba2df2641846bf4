import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** The query of `POST /api/frameworks/{id}/events` (the body is checked by the event catalogue). */
export class RecordEventQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: check and decide everything, append nothing, and answer what the fact would change (200)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}
