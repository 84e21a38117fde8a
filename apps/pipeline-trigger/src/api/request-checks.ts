import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';

/** Only JSON bodies are read; anything else would reach the handler as an empty object and read as "every field missing". */
export function requireJsonBody(request: Request): unknown {
  if (!request.is('application/json')) {
    throw new HttpException(
      { error: 'unsupported content type', expected: 'application/json', received: request.headers['content-type'] ?? null },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
  return request.body;
}

export const TRIGGER_PAGE_LIMIT = { default: 50, max: 500 };

/** `?limit=` and `?before=` of the trigger history, refused with a 400 naming the parameter. */
export function triggerPage(query: Record<string, unknown>): { limit: number; before?: string } {
  const fields: { field: string; expected: string; received: unknown }[] = [];
  const { limit, before } = query;
  let pageLimit = TRIGGER_PAGE_LIMIT.default;
  if (limit !== undefined) {
    const n = typeof limit === 'string' && /^\d{1,4}$/.test(limit) ? Number(limit) : NaN;
    if (n >= 1 && n <= TRIGGER_PAGE_LIMIT.max) pageLimit = n;
    else fields.push({ field: 'limit', expected: `an integer from 1 to ${TRIGGER_PAGE_LIMIT.max}`, received: limit });
  }
  if (before !== undefined && !(typeof before === 'string' && /^\d{1,18}$/.test(before))) {
    fields.push({ field: 'before', expected: 'the next_cursor of a previous page', received: before });
  }
  if (fields.length > 0) throw new HttpException({ error: 'invalid query', fields }, HttpStatus.BAD_REQUEST);
  return before === undefined ? { limit: pageLimit } : { limit: pageLimit, before: before as string };
}
