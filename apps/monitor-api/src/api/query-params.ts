import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldIssue {
  field: string;
  expected: string;
  received: unknown;
}

export const PAGE_SIZE = { default: 50, max: 500 };
export const HISTORY_LIMIT = { default: 1000, max: 10_000 };
const CLUSTER_ID = /^[A-Za-z0-9._-]{1,255}$/;
/** `access_token` is how a browser or WebSocket passes its bearer token (the auth guard reads it). */
const ALWAYS_ALLOWED = ['access_token'];

/** Reads a request's query against the parameters one endpoint takes; every problem is named, all at once. */
export class QueryReader {
  readonly issues: FieldIssue[] = [];

  constructor(
    private readonly query: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(query)) {
      if (!allowed.includes(name) && !ALWAYS_ALLOWED.includes(name)) this.issues.push({ field: name, expected: `no such parameter; this endpoint takes ${allowed.join(', ')}`, received: query[name] });
    }
  }

  private single(name: string): string | undefined {
    const v = this.query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.issues.push({ field: name, expected: 'one value', received: v });
      return undefined;
    }
    return v;
  }

  clusterId(): string | undefined {
    const v = this.single('cluster_id');
    if (v !== undefined && !CLUSTER_ID.test(v)) this.issues.push({ field: 'cluster_id', expected: 'a cluster id (letters, digits, ".", "_", "-")', received: v });
    return v;
  }

  int(name: string, options: { default: number; min: number; max: number }): number {
    const v = this.single(name);
    if (v === undefined) return options.default;
    const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
    if (n >= options.min && n <= options.max) return n;
    this.issues.push({ field: name, expected: `an integer from ${options.min} to ${options.max}`, received: v });
    return options.default;
  }

  bool(name: string): boolean {
    const v = this.single(name);
    if (v === undefined) return false;
    if (v === 'true' || v === 'false') return v === 'true';
    this.issues.push({ field: name, expected: 'true or false', received: v });
    return false;
  }

  /** An ISO-8601 date-time with its offset (e.g. 2026-01-01T00:00:00Z), or epoch milliseconds. */
  date(name: string): Date | undefined {
    const v = this.single(name);
    if (v === undefined) return undefined;
    const ms = /^\d{1,15}$/.test(v) ? Number(v) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : NaN;
    if (Number.isFinite(ms)) return new Date(ms);
    this.issues.push({ field: name, expected: 'an ISO-8601 date-time with offset (2026-01-01T00:00:00Z) or epoch milliseconds', received: v });
    return undefined;
  }

  fail(field: string, expected: string, received: unknown): void {
    this.issues.push({ field, expected, received });
  }

  /** Throws the 400 listing every issue, if any. */
  check(): void {
    if (this.issues.length > 0) throw new HttpException({ error: 'invalid query', fields: this.issues }, HttpStatus.BAD_REQUEST);
  }
}

export function page<T>(items: readonly T[], pageNumber: number, pageSize: number) {
  const start = (pageNumber - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), page: pageNumber, page_size: pageSize, total: items.length };
}
