import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidInput, type FieldError } from './app-errors.js';

/** Validates a plain value against a class-validator DTO: unknown properties are refused. */
export function validateDto<T extends object>(dto: new () => T, value: unknown, prefix = ''): { value: T; errors: FieldError[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { value: value as T, errors: [{ field: prefix || 'body', problems: [`${prefix || 'body'} must be a JSON object`] }] };
  }
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
