import type { Schema } from '../../libs/schema/schema.js';
import { createFrameworkSchema } from '../../modules/frameworks/commands/create-framework/create-framework.request.dto.js';
import { sourceSchema } from '../../modules/frameworks/domain/events/common.schema.js';
import { eventBodySchema } from '../../modules/frameworks/domain/events/event-body.js';
import { CATALOGUE, EVENT_TYPES } from '../../modules/frameworks/domain/events/event-catalogue.js';

/**
 * What the recording form of the page is made from: the event catalogue as the server holds it —
 * each type's French `label`, its family, the item it is about (`identity`) and the JSON schema of
 * its data — and the schemas of a source and of a new framework. Served at
 * `/assets/event-types.json`, so that the form follows the catalogue instead of a copy of it.
 * A field that takes an EDTF date is marked `format: "edtf"` (found by asking the field's own check).
 */
export interface PageEventType {
  type: string;
  label: string;
  family: 'fact' | 'correction';
  identity: { key: string | null; kind: string; creates: boolean } | null;
  data: JsonSchema;
}
export type JsonSchema = Record<string, unknown>;

export interface PageCatalogue {
  types: PageEventType[];
  effectiveDate: JsonSchema;
  source: JsonSchema;
  createFramework: JsonSchema;
}

type Walkable = Schema<unknown> & { shape?: Record<string, Walkable>; item?: Walkable; inner?: Walkable };

/** An EDTF field accepts « 198X » and « 2011/2014 » and refuses a word. */
function takesEdtf(schema: Schema<unknown>): boolean {
  const accepts = (value: string) => schema.check(value, 'x', []);
  return accepts('198X') && accepts('2011/2014') && accepts('2006-05') && !accepts('hier');
}

/** The JSON schema of `schema`, its EDTF fields marked. */
export function annotated(schema: Walkable): JsonSchema {
  const json = schema.json();
  if (schema.inner) return annotated(schema.inner);
  if (schema.shape) {
    const properties = json.properties as Record<string, JsonSchema>;
    for (const [key, field] of Object.entries(schema.shape)) properties[key] = annotated(field);
    return json;
  }
  if (schema.item) return { ...json, items: annotated(schema.item) };
  if (json.type === 'string' && !json.enum && !json.pattern && takesEdtf(schema)) return { ...json, format: 'edtf' };
  return json;
}

export function pageCatalogue(): PageCatalogue {
  return {
    types: EVENT_TYPES.map((type) => {
      const definition = CATALOGUE[type];
      return {
        type,
        label: definition.label,
        family: definition.family,
        identity: definition.family === 'fact' ? { ...definition.identity } : null,
        data: annotated(definition.data as Walkable),
      };
    }),
    effectiveDate: annotated((eventBodySchema as unknown as { shape: Record<string, Walkable> }).shape.effectiveDate),
    source: annotated(sourceSchema as Walkable),
    createFramework: annotated(createFrameworkSchema as Walkable),
  };
}
