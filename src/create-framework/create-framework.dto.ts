import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ID_PATTERN, IsEdtf, SourceDto } from '../record-event/event-body.dto.js';

export class CreateFrameworkDto {
  @Matches(ID_PATTERN, { message: 'id must be a lowercase id: letters, digits and dashes, 64 at most' }) id: string;
  @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @IsOptional() @IsString() @MaxLength(300) territory?: string;
  /** When the framework was established (EDTF); default: today. */
  @IsOptional() @IsEdtf() effectiveDate?: string;
  /** Where that is written; default: this request. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SourceDto) source?: SourceDto;
}
