/**
 * A status answer as the public sees it: without the `detail` fields, which may name files,
 * hosts or errors of the stores (for admins only). Plain data in, plain data out.
 */
export function withoutDetails<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutDetails(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'detail')
      .map(([key, child]) => [key, withoutDetails(child)]),
  ) as T;
}
