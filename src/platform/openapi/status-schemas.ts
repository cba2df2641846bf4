import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Shapes of the error answers and of /health, for the OpenAPI document only. */

export class ErrorSchema {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'Not Found' }) error: string;
  @ApiProperty() message: string;
}

export class FieldErrorSchema {
  @ApiProperty({ example: 'at' }) field: string;
  @ApiProperty({ type: [String], example: ['at must be a date YYYY-MM-DD'] }) problems: string[];
}

export class ValidationErrorSchema extends ErrorSchema {
  @ApiProperty({ type: [FieldErrorSchema], description: 'Every field at fault' }) fields: FieldErrorSchema[];
}

export class RevisionConflictSchema extends ErrorSchema {
  @ApiProperty({ description: 'The revision to send in If-Match' }) currentRevision: number;
}

export class RuleBrokenSchema extends ErrorSchema {
  @ApiProperty({ example: 'convention-not-in-force', description: 'The rule of the domain that is broken' }) rule: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A fact already recorded that the request would make inconsistent' })
  conflictingEventId?: string;
}

export class StoreStatusSchema {
  @ApiProperty({ example: 'sqlite' }) kind: string;
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional({ description: 'For admins only (bearer token of the admin role)' }) detail?: string;
}

export class ProjectionStatusSchema {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiProperty({ nullable: true, description: 'The position the read models include' }) position: number | null;
  @ApiPropertyOptional({ description: 'For admins only (bearer token of the admin role)' }) detail?: string;
  @ApiPropertyOptional({ enum: ['checkpoint-ahead-of-log', 'log-mismatch', 'read-models-gap'], description: 'Why the read models cannot follow the log (the projection is stopped)' })
  problem?: string;
  @ApiPropertyOptional({ nullable: true, description: 'The last position of the log, beside `position` when they disagree' }) logPosition?: number | null;
  @ApiPropertyOptional({ description: 'What the operator runs (the rebuild)' }) action?: string;
}

export class HealthSchema {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: string;
  @ApiProperty({ type: StoreStatusSchema }) eventStore: StoreStatusSchema;
  @ApiProperty({ type: StoreStatusSchema }) readModels: StoreStatusSchema;
  @ApiProperty({ type: ProjectionStatusSchema }) projection: ProjectionStatusSchema;
}
