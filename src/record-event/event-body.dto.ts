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
import { isEdtf } from '../domain/edtf-date.js';
import {
  BODY_KINDS,
  EVENT_TYPES,
  INSTRUMENT_KINDS,
  MISSION_DOMAINS,
  PARTY_KINDS,
  SUBJECT_KINDS,
  type EventType,
} from '../domain/framework.events.js';

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

export class SourceDto {
  @apply(...Text(300)) document: string;
  @apply(...Text(4000)) passage: string;
  @IsIn(['stated', 'inferred']) confidence: 'stated' | 'inferred';
  @IsOptional() @apply(...Text(4000)) note?: string;
}

export class EventBodyDto {
  @IsIn(EVENT_TYPES as unknown as string[], { message: `type must be one of ${EVENT_TYPES.join(', ')}` }) type: EventType;
  @IsEdtf() effectiveDate: string;
  @IsObject() data: Record<string, unknown>;
  @ValidateNested() @Type(() => SourceDto) @IsObject() source: SourceDto;
}

export class PartyRefDto {
  @Id() id: string;
  @Name() name: string;
  @IsIn(PARTY_KINDS as unknown as string[]) kind: string;
}

class FrameworkEstablishedData {
  @Name() name: string;
  @IsOptional() @apply(...Text(4000)) description?: string;
  @IsOptional() @apply(...Text(300)) territory?: string;
}
class ConventionSignedData {
  @Id() conventionId: string;
  @Name() name: string;
  @IsEdtf() start: string;
  @IsOptional() @IsEdtf() end?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PartyRefDto) parties: PartyRefDto[];
  @IsOptional() @Id() supersedes?: string;
}
class ConventionTermData {
  @Id() conventionId: string;
  @IsEdtf() newEnd: string;
}
class ConventionEndedData {
  @Id() conventionId: string;
  @IsOptional() @apply(...Text(2000)) reason?: string;
}
class PartyJoinedData {
  @Id() conventionId: string;
  @ValidateNested() @Type(() => PartyRefDto) @IsObject() party: PartyRefDto;
}
class PartyWithdrewData {
  @Id() conventionId: string;
  @Id() partyId: string;
}
class MissionLaunchedData {
  @Id() missionId: string;
  @Name() name: string;
  @IsArray() @ArrayMinSize(1) @IsIn(MISSION_DOMAINS as unknown as string[], { each: true }) domains: string[];
  @IsOptional() @apply(...Text(4000)) description?: string;
}
class MissionEndedData {
  @Id() missionId: string;
}
class InstrumentAdoptedData {
  @Id() instrumentId: string;
  @Name() name: string;
  @IsIn(INSTRUMENT_KINDS as unknown as string[]) kind: string;
  @IsOptional() @apply(...Text(4000)) description?: string;
  @IsOptional() @IsObject() figures?: Record<string, string | number | boolean>;
}
class InstrumentRepealedData {
  @Id() instrumentId: string;
}
class BodyCreatedData {
  @Id() bodyId: string;
  @Name() name: string;
  @IsIn(BODY_KINDS as unknown as string[]) kind: string;
  @IsOptional() @apply(...Text(4000)) description?: string;
}
class BodyDissolvedData {
  @Id() bodyId: string;
}
class ReviewConductedData {
  @Id() reviewId: string;
  @Name() name: string;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(4000, { each: true }) findings?: string[];
  @IsOptional() @apply(...Text(300)) conductedBy?: string;
}
class MilestoneNotedData {
  @Id() milestoneId: string;
  @Name() name: string;
  @IsOptional() @apply(...Text(4000)) description?: string;
}
export class SubjectRefDto {
  @IsIn(SUBJECT_KINDS as unknown as string[]) kind: string;
  @Id() id: string;
}
export class AccountDto {
  @apply(...Text(4000)) claim: string;
  @apply(...Text(4000)) passage: string;
}
class SourceConflictNotedData {
  @Id() conflictId: string;
  @Name() subject: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SubjectRefDto) about: SubjectRefDto[];
  @IsArray() @ArrayMinSize(2) @ValidateNested({ each: true }) @Type(() => AccountDto) accounts: AccountDto[];
  @IsOptional() @apply(...Text(4000)) resolution?: string;
}
class FactCorrectedData {
  @Matches(/^[0-9a-f-]{36}$/, { message: 'eventId must be the id (UUID) of an event of this framework' }) eventId: string;
  @IsOptional() @IsEdtf() effectiveDate?: string;
  @IsOptional() @IsObject() data?: Record<string, unknown>;
  @apply(...Text(2000)) reason: string;
}
class FactRetractedData {
  @Matches(/^[0-9a-f-]{36}$/, { message: 'eventId must be the id (UUID) of an event of this framework' }) eventId: string;
  @apply(...Text(2000)) reason: string;
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
