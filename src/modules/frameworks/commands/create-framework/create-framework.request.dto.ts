import { InvalidInput } from '../../../../libs/app-errors.js';
import { object, optional, text, validate, clean, type Infer, type Schema } from '../../../../libs/schema/schema.js';
import { bodyShapeProblems } from '../../../../libs/schema/shape.js';
import { edtf, id, sourceSchema } from '../../domain/events/common.schema.js';

/** The body of `POST /api/frameworks` (and of `governance append` with a `{ id, name, ... }` file). */
export const createFrameworkSchema = object(
  {
    id: id('cccs84'),
    name: text(300, { example: 'Convention cadre des centres sociaux de Vaucluse' }),
    description: optional(text(4000)),
    territory: optional(text(300, { example: 'Vaucluse' })),
    effectiveDate: optional(edtf('When the framework was established (EDTF), e.g. 2003 or 1994-07-25; default: today')),
    source: optional(sourceSchema),
  },
  { title: 'CreateFrameworkDto' },
);
export type CreateFrameworkRequest = Infer<typeof createFrameworkSchema>;

/** A clean copy of a valid creation body; throws InvalidInput naming every field at fault. */
export function parseCreateFrameworkBody(body: unknown): CreateFrameworkRequest {
  const shape = bodyShapeProblems(body);
  const problems = shape.length > 0 ? shape : validate(createFrameworkSchema, body);
  if (problems.length > 0) throw new InvalidInput(problems);
  return clean(createFrameworkSchema as Schema<CreateFrameworkRequest>, body as CreateFrameworkRequest);
}
