import { applyDecorators, type INestApplication } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { createFrameworkSchema } from '../../modules/frameworks/commands/create-framework/create-framework.request.dto.js';
import { sourceSchema } from '../../modules/frameworks/domain/events/common.schema.js';
import { eventBodySchema } from '../../modules/frameworks/domain/events/event-body.js';
import { CATALOGUE, EVENT_TYPES } from '../../modules/frameworks/domain/events/event-catalogue.js';
import { docsContentSecurityPolicy } from './docs-csp.js';
import { ErrorSchema, RevisionConflictSchema, RuleBrokenSchema, ValidationErrorSchema } from './api-schemas.js';

/** The request bodies, described by the same schemas that validate them (see `components` below). */
export const EVENT_BODY_REF = { $ref: '#/components/schemas/EventBodyDto' };
export const CREATE_FRAMEWORK_REF = { $ref: '#/components/schemas/CreateFrameworkDto' };

/** The schemas of the request bodies, each event type's data by its title (`ConventionSignedData`…). */
function bodySchemas(): Record<string, Record<string, unknown>> {
  const data = Object.fromEntries(EVENT_TYPES.map((type) => [`${type}Data`, CATALOGUE[type].data.json()]));
  const body = eventBodySchema.json() as { properties: Record<string, unknown> };
  return {
    ...data,
    SourceDto: sourceSchema.json(),
    EventBodyDto: {
      ...body,
      title: 'EventBody',
      properties: {
        ...body.properties,
        source: { $ref: '#/components/schemas/SourceDto' },
        data: {
          description: 'Depends on `type`: ConventionSigned → ConventionSignedData, ConventionExtended → ConventionExtendedData, …',
          oneOf: EVENT_TYPES.map((type) => ({ $ref: `#/components/schemas/${type}Data` })),
        },
      },
    },
    CreateFrameworkDto: createFrameworkSchema.json(),
  };
}

/** The name of the bearer security scheme in the document. */
export const BEARER = 'bearer';

/** 400 (fields at fault) and 404 (unknown framework): every read of one framework. */
export const ApiReadErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ description: 'A query parameter is malformed; `fields` names each one', type: ValidationErrorSchema }),
    ApiNotFoundResponse({ description: 'Unknown framework', type: ErrorSchema }),
  );

/** Bearer token, Idempotency-Key, and the error answers of every write. */
export const ApiWrite = (options: { ifMatch: boolean }) =>
  applyDecorators(
    ApiBearerAuth(BEARER),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Optional, 1 to 200 visible ASCII characters. A retry with the same key returns the first result (header `Idempotent-Replayed: true`) and appends nothing; the same key with another body is a 422 `idempotency-key-reused`.',
      schema: { type: 'string', maxLength: 200 },
    }),
    ...(options.ifMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description:
              'Optional: the revision the client last saw, e.g. `"34"` (`revision` of every state answer, `ETag` of each 201). A stale revision is a 409 and appends nothing.',
            schema: { type: 'string', example: '"34"' },
          }),
        ]
      : []),
    ApiBadRequestResponse({
      description: 'The body or a header is malformed; `fields` names each field at fault',
      type: ValidationErrorSchema,
    }),
    ApiUnauthorizedResponse({ description: 'Missing or unknown bearer token', type: ErrorSchema }),
    ApiForbiddenResponse({ description: "The token's owner lacks the role this needs", type: ErrorSchema }),
    ApiUnprocessableEntityResponse({ description: 'A rule of the domain is broken (nothing is appended)', type: RuleBrokenSchema }),
  );

export const ApiRevisionConflict = (description: string) => ApiConflictResponse({ description, type: RevisionConflictSchema });

/** The OpenAPI document of the service, built from the controllers' decorators and the DTO classes. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Governance history service')
    .setDescription(
      [
        'Every fact in the life of a multi-party framework agreement, event-sourced: **what was in force on date D, as known at instant K?**',
        '',
        'Days are `YYYY-MM-DD`, instants ISO 8601, effective dates of events EDTF (`1994-07-25`, `2006-05`, `2003`, `198X`, `2011/2014`). ',
        'Writes need `Authorization: Bearer TOKEN` (the actor recorded is the token owner); `Idempotency-Key` makes a retry safe; ',
        '`If-Match: "N"` refuses a write on a stale revision. On every error nothing is appended.',
        '',
        'The web page at [/](/) answers the same questions in French.',
      ].join('\n'),
    )
    .setVersion('0.1.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A token of API_TOKENS (actor=token), or the one generated under DATA_DIR/api-token' },
      BEARER,
    )
    .addTag('frameworks', 'List and create frameworks')
    .addTag('state', 'The framework on a date, as known at an instant')
    .addTag('timeline', 'The facts in effective-date order')
    .addTag('history', 'The audit log: who recorded what, when, on which source, corrections')
    .addTag('diff', 'What changed between two dates')
    .addTag('events', 'Record a governance event')
    .addTag('health', 'Status of the stores and of the projection')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...bodySchemas() } };
  return document;
}

/** Serves the documentation at /docs (Swagger UI from the local swagger-ui-dist package) and the JSON at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  app.use('/docs', docsContentSecurityPolicy);
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Governance history service — API',
    // BaseLayout: without Swagger UI's top bar (an address field to load other documents, and a
    // logo whose inline <style> the content security policy would have to allow).
    swaggerOptions: { validatorUrl: null, persistAuthorization: false, layout: 'BaseLayout' },
  });
}
