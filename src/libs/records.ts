/** A plain object (a JSON object): not null, not an array, not a binary buffer. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  // ArrayBuffer.isView rather than instanceof: buffers may come from another realm (native bridges under Jest).
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}
