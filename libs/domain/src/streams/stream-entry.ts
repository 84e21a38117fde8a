import type { ZodType } from 'zod';

/** A stream entry's fields as ioredis returns them: a flat [field, value, field, value...] list. */
export function fieldsToRecord(flat: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]] = flat[i + 1];
  return record;
}

/** The fields of a stream entry carrying `event`: one JSON field `data`, plus the trace fields given. */
export function encodeStreamEntry(event: unknown, traceFields: Record<string, string> = {}): string[] {
  const fields = ['data', JSON.stringify(event)];
  for (const [key, value] of Object.entries(traceFields)) fields.push(key, value);
  return fields;
}

export type DecodedEntry<T> = { ok: true; event: T } | { ok: false; reason: string };

/**
 * Reads and validates the `data` field against the event's schema. A failure comes back as a
 * reason (never a throw) because the caller's job is to dead-letter it, not to crash on it.
 */
export function decodeStreamEntry<T>(fields: Record<string, string>, schema: ZodType<T>): DecodedEntry<T> {
  const data = fields.data;
  if (data === undefined) return { ok: false, reason: 'missing field "data"' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    return { ok: false, reason: `field "data" is not JSON: ${(error as Error).message}` };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, reason: `schema: ${issues.join('; ')}` };
  }
  return { ok: true, event: result.data };
}
