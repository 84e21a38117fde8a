import { createHash } from 'node:crypto';
import type { Clock } from '../governance/clock';

export interface CachedBody {
  /** UTF-8 JSON, kept as bytes: sending a string makes Express encode it again on every request. */
  body: Buffer;
  etag: string;
}

/**
 * Serialised answers, kept while the snapshot they came from is the latest and for at most `ttlMs` (the short
 * cache the users' module had: alerts in a topic detail change between sweeps). 200 clients asking for the
 * same page cost one JSON.stringify and one hash, not 200: those, not the lookups, were what a request cost.
 * The body is kept encoded: a `GET /groups` page is tens of KiB, and encoding the cached string per request
 * allocated that much outside the heap each time (half of the API's GC time under 200 clients).
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedBody & { version: number; atMs: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 5_000,
  ) {}

  /** `version` identifies the snapshot (its collection time); `build` runs on a miss and must not throw. */
  get(key: string, version: number, build: () => unknown): CachedBody {
    const now = this.clock.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.atMs < this.ttlMs) return hit;
    const body = Buffer.from(JSON.stringify(build()));
    const entry = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`, version, atMs: now };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}
