import { createHash } from 'node:crypto';
import type { Clock } from '../governance/clock';

export interface CachedBody {
  /** UTF-8 JSON, kept as bytes: sending a string makes Express encode it again on every request. */
  body: Buffer;
  etag: string;
}

/** Builds an answer again from the latest snapshot; undefined (or null) when it no longer exists (the route answers 404). */
export type Refresh = () => unknown;

interface Entry extends CachedBody {
  clusterId: string;
  version: number;
  atMs: number;
  refresh: Refresh | undefined;
}

/**
 * Serialised answers, keyed by request URL, kept while the snapshot they came from is the latest and for at most
 * `ttlMs` (the short cache the users' module had: alerts in a topic detail change between sweeps). 200 clients
 * asking for the same page cost one JSON.stringify and one hash, not 200: those, not the lookups, were what a
 * request cost. The body is kept encoded: a `GET /groups` page is tens of KiB, and encoding the cached string per
 * request allocated that much outside the heap each time (half of the API's GC time under 200 clients).
 *
 * Only 200 answers are kept, and an answer depends on nothing but its URL and the cluster's snapshot, so a fresh
 * entry can be sent for its URL without routing or validating the request again (`fresh`), and a stale one built
 * again by its `refresh` (`answer`): the URL was validated when Nest first answered it.
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

  /**
   * The answer for `url`, built from `clusterId`'s latest snapshot by `build` on a miss (which must not throw).
   * `refresh`, when given, builds the same answer again from whatever snapshot is the latest then (see `answer`).
   */
  get(url: string, clusterId: string, build: () => unknown, refresh?: Refresh): CachedBody {
    return this.fresh(url) ?? this.store(url, clusterId, build(), refresh);
  }

  /** The cached answer for `url` if its snapshot is still the latest and it is younger than the TTL. */
  fresh(url: string): CachedBody | undefined {
    const hit = this.entries.get(url);
    if (!hit || hit.version !== this.snapshotVersion(hit.clusterId) || this.clock.now() - hit.atMs >= this.ttlMs) return undefined;
    return hit;
  }

  /** Whether `url` has an entry, fresh or not: only then can `answer` send something. */
  holds(url: string): boolean {
    return this.entries.has(url);
  }

  /**
   * The fresh answer for `url`, or one built again by the entry's `refresh` when it went stale; undefined when
   * there is none, no `refresh`, the refresh found nothing (the entry is dropped: Nest answers the 404), or it threw.
   *
   * Why: every sweep makes all entries stale at once, and the TTL expires the entries filled after it together;
   * each URL then went through Nest again (routing, guards, pino-http). Under bench/monitor-api/rest-p99.ts (1,000
   * groups, ~500 URLs polled) --cpu-prof put such a burst at ~65 ms of the event loop through Nest, 11-18 ms
   * through `refresh`; the Node client's max fell from 68-98 ms to 49-50 ms and its p99 from 26-30 to 21-25 ms
   * (two runs each, so within the noise of a shared machine; wrk's p99 did not move measurably).
   */
  answer(url: string): CachedBody | undefined {
    const hit = this.fresh(url);
    if (hit) return hit;
    const stale = this.entries.get(url);
    if (!stale?.refresh) return undefined;
    let value: unknown;
    try {
      value = stale.refresh();
    } catch {
      value = undefined; // Nest builds it again and reports the error as it does any other
    }
    if (value === undefined || value === null) {
      this.entries.delete(url);
      return undefined;
    }
    return this.store(url, stale.clusterId, value, stale.refresh);
  }

  private store(url: string, clusterId: string, value: unknown, refresh: Refresh | undefined): CachedBody {
    const body = Buffer.from(JSON.stringify(value));
    const entry: Entry = {
      body,
      etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`,
      clusterId,
      version: this.snapshotVersion(clusterId),
      atMs: this.clock.now(),
      refresh,
    };
    this.entries.delete(url);
    this.entries.set(url, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}
