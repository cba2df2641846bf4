import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ID_PATTERN, IsEdtf, SourceDto } from '../record-event/event-body.request.dto.js';

export class CreateFrameworkDto {
  @ApiProperty({ pattern: ID_PATTERN.source, example: 'cccs84', description: 'Lowercase id: letters, digits and dashes, 64 at most' })
  @Matches(ID_PATTERN, { message: 'id must be a lowercase id: letters, digits and dashes, 64 at most' })
  id: string;
  @ApiProperty({ maxLength: 300, example: 'Convention cadre des centres sociaux de Vaucluse' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ maxLength: 300, example: 'Vaucluse' }) @IsOptional() @IsString() @MaxLength(300) territory?: string;
  /** When the framework was established (EDTF); default: today. */
  @ApiPropertyOptional({ type: String, description: 'EDTF, e.g. 2003 or 1994-07-25; default: today', example: '1994-07-25' })
  @IsOptional()
  @IsEdtf()
  effectiveDate?: string;
  /** Where that is written; default: this request. */
  @ApiPropertyOptional({ type: () => SourceDto, description: 'Default: this request' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;
}
