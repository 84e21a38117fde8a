import { createHash } from 'node:crypto';
import type { Clock } from '../governance/clock';

export interface CachedBody {
  /** UTF-8 JSON, kept as bytes: sending a string makes Express encode it again on every request. */
  body: Buffer;
  etag: string;
}

interface Entry extends CachedBody {
  clusterId: string;
  version: number;
  atMs: number;
}

/**
 * Serialised answers, keyed by request URL, kept while the snapshot they came from is the latest and for at most
 * `ttlMs` (the short cache the users' module had: alerts in a topic detail change between sweeps). 200 clients
 * asking for the same page cost one JSON.stringify and one hash, not 200: those, not the lookups, were what a
 * request cost. The body is kept encoded: a `GET /groups` page is tens of KiB, and encoding the cached string per
 * request allocated that much outside the heap each time (half of the API's GC time under 200 clients).
 *
 * Only 200 answers are kept, and an answer depends on nothing but its URL and the cluster's snapshot, so a fresh
 * entry can be sent for its URL without routing or validating the request again (`fresh`).
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();

  /** `snapshotVersion` identifies a cluster's latest snapshot (its collection time). */
  constructor(
    private readonly clock: Clock,
    private readonly snapshotVersion: (clusterId: string) => number,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 5_000,
  ) {}

  /** The answer for `url`, built from `clusterId`'s latest snapshot by `build` on a miss (which must not throw). */
  get(url: string, clusterId: string, build: () => unknown): CachedBody {
    const hit = this.fresh(url);
    if (hit) return hit;
    const body = Buffer.from(JSON.stringify(build()));
    const entry = {
      body,
      etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`,
      clusterId,
      version: this.snapshotVersion(clusterId),
      atMs: this.clock.now(),
    };
    this.entries.delete(url);
    this.entries.set(url, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /** The cached answer for `url` if its snapshot is still the latest and it is younger than the TTL. */
  fresh(url: string): CachedBody | undefined {
    const hit = this.entries.get(url);
    if (!hit || hit.version !== this.snapshotVersion(hit.clusterId) || this.clock.now() - hit.atMs >= this.ttlMs) return undefined;
    return hit;
  }
}
