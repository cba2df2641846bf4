import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { isEdtf } from '../../domain/dates/edtf-date.js';
import {
  BODY_KINDS,
  EVENT_TYPES,
  INSTRUMENT_KINDS,
  MISSION_DOMAINS,
  PARTY_KINDS,
  SUBJECT_KINDS,
  type EventType,
} from '../../domain/events/framework.events.js';

/** DTOs of the event body `{ type, effectiveDate, data, source }` and of each type's data. */

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ID_MESSAGE = '$property must be a lowercase id: letters, digits and dashes, 64 at most';

export function IsEdtf(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isEdtf',
      target: object.constructor,
      propertyName,
      options: { message: `$property must be an EDTF date such as 2003, 2006-05, 1994-07-25, 198X or 2011/2014`, ...options },
      validator: { validate: (value: unknown) => isEdtf(value) },
    });
}

const Id = () => Matches(ID_PATTERN, { message: ID_MESSAGE });
const Text = (max = 500) => [IsString(), IsNotEmpty(), MaxLength(max)];
function apply(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}
const Name = () => apply(...Text(300));

/** OpenAPI descriptions shared by the properties below. */
const EDTF_DOC = { type: String, description: 'EDTF: 1994-07-25, 2006-05, 2003, 198X, 2011/2014', example: '2006' };
const ID_DOC = { pattern: ID_PATTERN.source, description: 'Lowercase id: letters, digits and dashes' };

/** A required id: documented and validated in one decorator. */
const IdField = () => apply(ApiProperty({ ...ID_DOC }) as PropertyDecorator, Id());
/** A required name (300 characters at most). */
const NameField = () => apply(ApiProperty({ maxLength: 300 }) as PropertyDecorator, Name());
/** An optional text of `max` characters at most. */
const OptionalText = (max: number) => apply(ApiPropertyOptional({ maxLength: max }) as PropertyDecorator, IsOptional(), ...Text(max));
const DATA_SCHEMA_NAMES = [
  'FrameworkEstablishedData',
  'ConventionSignedData',
  'ConventionTermData',
  'ConventionEndedData',
  'PartyJoinedData',
  'PartyWithdrewData',
  'MissionLaunchedData',
  'MissionEndedData',
  'InstrumentAdoptedData',
  'InstrumentRepealedData',
  'BodyCreatedData',
  'BodyDissolvedData',
  'ReviewConductedData',
  'MilestoneNotedData',
  'SourceConflictNotedData',
  'FactCorrectedData',
  'FactRetractedData',
];

export class SourceDto {
  @ApiProperty({ maxLength: 300, description: 'The document the fact comes from' }) @apply(...Text(300)) document: string;
  @ApiProperty({ maxLength: 4000, description: 'The passage quoted from it' }) @apply(...Text(4000)) passage: string;
  @ApiProperty({ enum: ['stated', 'inferred'], description: 'stated: the source says it; inferred: derived (say why in note)' })
  @IsIn(['stated', 'inferred'])
  confidence: 'stated' | 'inferred';
  @ApiPropertyOptional({ maxLength: 4000, description: 'For an inferred fact, the reasoning' })
  @IsOptional()
  @apply(...Text(4000))
  note?: string;
}

export class EventBodyDto {
  @ApiProperty({ enum: EVENT_TYPES })
  @IsIn(EVENT_TYPES as unknown as string[], { message: `type must be one of ${EVENT_TYPES.join(', ')}` })
  type: EventType;
  @ApiProperty({ ...EDTF_DOC, description: 'When it happened in the world (EDTF), as the source dates it' })
  @IsEdtf()
  effectiveDate: string;
  @ApiProperty({
    description:
      'Depends on `type`: ConventionSigned → ConventionSignedData, ConventionExtended and ConventionRenewed → ConventionTermData, …',
    oneOf: DATA_SCHEMA_NAMES.map((name) => ({ $ref: getSchemaPath(name) })),
  })
  @IsObject()
  data: Record<string, unknown>;
  @ApiProperty({ type: () => SourceDto }) @ValidateNested() @Type(() => SourceDto) @IsObject() source: SourceDto;
}

export class PartyRefDto {
  @ApiProperty({ ...ID_DOC, example: 'vitrolles' }) @Id() id: string;
  @ApiProperty({ maxLength: 300, example: 'Vitrolles' }) @Name() name: string;
  @ApiProperty({ enum: PARTY_KINDS }) @IsIn(PARTY_KINDS as unknown as string[]) kind: string;
}

class FrameworkEstablishedData {
  @NameField()
  name: string;
  @OptionalText(4000)
  description?: string;
  @OptionalText(300)
  territory?: string;
}
class ConventionSignedData {
  @IdField()
  conventionId: string;
  @NameField()
  name: string;
  @ApiProperty({ ...EDTF_DOC })
  @IsEdtf()
  start: string;
  @ApiPropertyOptional({ ...EDTF_DOC })
  @IsOptional()
  @IsEdtf()
  end?: string;
  @ApiProperty({ type: () => [PartyRefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PartyRefDto)
  parties: PartyRefDto[];
  @ApiPropertyOptional({ ...ID_DOC })
  @IsOptional()
  @Id()
  supersedes?: string;
}
class ConventionTermData {
  @IdField()
  conventionId: string;
  @ApiProperty({ ...EDTF_DOC })
  @IsEdtf()
  newEnd: string;
}
class ConventionEndedData {
  @IdField()
  conventionId: string;
  @OptionalText(2000)
  reason?: string;
}
class PartyJoinedData {
  @IdField()
  conventionId: string;
  @ApiProperty({ type: () => PartyRefDto })
  @ValidateNested()
  @Type(() => PartyRefDto)
  @IsObject()
  party: PartyRefDto;
}
class PartyWithdrewData {
  @IdField()
  conventionId: string;
  @IdField()
  partyId: string;
}
class MissionLaunchedData {
  @IdField()
  missionId: string;
  @NameField()
  name: string;
  @ApiProperty({ enum: MISSION_DOMAINS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(MISSION_DOMAINS as unknown as string[], { each: true })
  domains: string[];
  @OptionalText(4000)
  description?: string;
}
class MissionEndedData {
  @IdField()
  missionId: string;
}
class InstrumentAdoptedData {
  @IdField()
  instrumentId: string;
  @NameField()
  name: string;
  @ApiProperty({ enum: INSTRUMENT_KINDS })
  @IsIn(INSTRUMENT_KINDS as unknown as string[])
  kind: string;
  @OptionalText(4000)
  description?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] } })
  @IsOptional()
  @IsObject()
  figures?: Record<string, string | number | boolean>;
}
class InstrumentRepealedData {
  @IdField()
  instrumentId: string;
}
class BodyCreatedData {
  @IdField()
  bodyId: string;
  @NameField()
  name: string;
  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS as unknown as string[])
  kind: string;
  @OptionalText(4000)
  description?: string;
}
class BodyDissolvedData {
  @IdField()
  bodyId: string;
}
class ReviewConductedData {
  @IdField()
  reviewId: string;
  @NameField()
  name: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(4000, { each: true })
  findings?: string[];
  @OptionalText(300)
  conductedBy?: string;
}
class MilestoneNotedData {
  @IdField()
  milestoneId: string;
  @NameField()
  name: string;
  @OptionalText(4000)
  description?: string;
}
export class SubjectRefDto {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS as unknown as string[])
  kind: string;
  @IdField()
  id: string;
}
export class AccountDto {
  @ApiProperty({ maxLength: 4000 })
  @apply(...Text(4000))
  claim: string;
  @ApiProperty({ maxLength: 4000 })
  @apply(...Text(4000))
  passage: string;
}
class SourceConflictNotedData {
  @IdField()
  conflictId: string;
  @NameField()
  subject: string;
  @ApiProperty({ type: () => [SubjectRefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SubjectRefDto)
  about: SubjectRefDto[];
  @ApiProperty({ type: () => [AccountDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ValidateNested({ each: true })
  @Type(() => AccountDto)
  accounts: AccountDto[];
  @OptionalText(4000)
  resolution?: string;
}
class FactCorrectedData {
  @ApiProperty({ format: 'uuid', description: 'The event concerned' })
  @Matches(/^[0-9a-f-]{36}$/, { message: 'eventId must be the id (UUID) of an event of this framework' })
  eventId: string;
  @ApiPropertyOptional({ ...EDTF_DOC })
  @IsOptional()
  @IsEdtf()
  effectiveDate?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The corrected data (same shape as the original event; identities cannot change)',
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
  @ApiProperty({ maxLength: 2000 })
  @apply(...Text(2000))
  reason: string;
}
class FactRetractedData {
  @ApiProperty({ format: 'uuid', description: 'The event concerned' })
  @Matches(/^[0-9a-f-]{36}$/, { message: 'eventId must be the id (UUID) of an event of this framework' })
  eventId: string;
  @ApiProperty({ maxLength: 2000 })
  @apply(...Text(2000))
  reason: string;
}

/** The class that validates the data of each event type. */
export const DATA_DTO: Record<EventType, new () => object> = {
  FrameworkEstablished: FrameworkEstablishedData,
  ConventionSigned: ConventionSignedData,
  ConventionExtended: ConventionTermData,
  ConventionRenewed: ConventionTermData,
  ConventionEnded: ConventionEndedData,
  PartyJoined: PartyJoinedData,
  PartyWithdrew: PartyWithdrewData,
  SupportMissionLaunched: MissionLaunchedData,
  SupportMissionEnded: MissionEndedData,
  InstrumentAdopted: InstrumentAdoptedData,
  InstrumentRepealed: InstrumentRepealedData,
  BodyCreated: BodyCreatedData,
  BodyDissolved: BodyDissolvedData,
  ReviewConducted: ReviewConductedData,
  MilestoneNoted: MilestoneNotedData,
  SourceConflictNoted: SourceConflictNotedData,
  FactCorrected: FactCorrectedData,
  FactRetracted: FactRetractedData,
};
