import { ApiProperty } from '@nestjs/swagger';
import { IsWholeNumber } from '../log-params.js';

/** `GET /api/log/receipt?position=` */
export class LogReceiptParams {
  @ApiProperty({ description: 'The event’s position in the global log', example: '42', pattern: '^\\d+$' })
  @IsWholeNumber()
  position!: string;
}
