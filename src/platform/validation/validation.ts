import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidInput, type FieldError } from '../../libs/app-errors.js';
import { shapeProblems } from '../../libs/schema/shape.js';

/** Validates a plain value against a class-validator DTO: unknown properties are refused. */
export function validateDto<T extends object>(dto: new () => T, value: unknown, prefix = ''): { value: T; errors: FieldError[] } {
  const field = prefix || 'body';
  if (value === undefined && !prefix) {
    return { value: value as unknown as T, errors: [{ field, problems: ['body is missing: send a JSON object with Content-Type: application/json'] }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { value: value as T, errors: [{ field, problems: [`${field} must be a JSON object`] }] };
  }
  const shape = shapeProblems(value, prefix);
  if (shape.length > 0) return { value: value as T, errors: shape };
  const instance = plainToInstance(dto, value, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { value: instance, errors: flatten(errors, prefix) };
}

export function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      result.push({
        field,
        problems: Object.values(error.constraints).map((m) => m.replace(/^property (\S+) should not exist$/, `${field} is not allowed`)),
      });
    }
    if (error.children?.length) result.push(...flatten(error.children, field));
  }
  return result;
}

export function assertValid<T extends object>(dto: new () => T, value: unknown, prefix = ''): T {
  const { value: instance, errors } = validateDto(dto, value, prefix);
  if (errors.length > 0) throw new InvalidInput(errors);
  return instance;
}
