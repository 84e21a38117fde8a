import { fieldsToRecord } from '@app/domain';
import { isCluster, RedisClient } from '@app/platform';
import { defineLuaCommands } from '@app/redis-streams';
import { compareStreamIds, exclusiveStart } from '../cursor/stream-id';
import { RoutedEvent } from './route-event';
import { RoutedKeys } from './routed-keys';
import { casWatermark, routeRun, routeTopic } from './scripts';

export interface RouteLimits {
  jobMaxLen: number;
  channelMaxLen: number;
  jobTtlSeconds: number;
}

/** Turns a source entry into its routed event, or undefined for an entry that is not routed (it fails its schema: its consumer dead-letters it). */
export type EntryRouter = (fields: Record<string, string>) => RoutedEvent | undefined;

type RunOutcome = ['conflict', string] | ['ok', number];

/** One source entry as it goes to its routed stream. */
interface RoutedEntry {
  key: string;
  id: string;
  isJob: boolean;
  event: string;
  data: string;
}

/**
 * Routes one page of a source stream, (watermark, next], and moves the watermark to `next`,
 * unless the watermark is no longer `watermark` (another replica moved it): then `conflict` with
 * its current value.
 */
interface PageRouter {
  route(watermarkKey: string, watermark: string, next: string, entries: RoutedEntry[]): Promise<RunOutcome>;
}

interface AtomicRouteCommands {
  /** commands/routeRun-1.lua */
  routeRun(watermarkKey: string, ...args: (string | number)[]): Promise<RunOutcome>;
}

interface ClusterRouteCommands {
  /** commands/routeTopic-1.lua */
  routeTopic(key: string, ...args: (string | number)[]): Promise<number>;
  /** commands/casWatermark-1.lua */
  casWatermark(key: string, expected: string, next: string): Promise<RunOutcome>;
}

/**
 * One node or Sentinel: the whole page and the watermark in one atomic script (routeRun-1.lua).
 *
 * The shared consumer group hands neighbouring entries of a shard to different replicas, which
 * would then append them to a job's routed stream in whatever order their calls reach Redis. So
 * routing is not done per replica batch: a per-source-stream watermark records how far the
 * stream has been routed, and every call routes the run right after the watermark, compare-and-set
 * on its value. Whoever gets there first routes the entries of every replica's batches in stream
 * order; a caller that finds the watermark moved re-reads from the new one.
 */
class AtomicPageRouter implements PageRouter {
  private readonly redis: RedisClient & AtomicRouteCommands;

  constructor(
    redis: RedisClient,
    private readonly limits: RouteLimits,
  ) {
    this.redis = defineLuaCommands<AtomicRouteCommands>(redis, [routeRun]);
  }

  route(watermarkKey: string, watermark: string, next: string, entries: RoutedEntry[]): Promise<RunOutcome> {
    const args: (string | number)[] = [watermark, next, this.limits.jobMaxLen, this.limits.channelMaxLen, this.limits.jobTtlSeconds];
    for (const entry of entries) args.push(entry.key, entry.id, entry.isJob ? '1' : '0', entry.event, entry.data);
    return this.redis.routeRun(watermarkKey, ...args);
  }
}

/**
 * Redis Cluster: the routed streams and the watermark are in different slots, so a page is routed
 * as one single-key script per routed stream (routeTopic-1.lua: all of that stream's entries of the
 * page, in source order, run concurrently), and only when all of them succeeded is the watermark
 * moved, compare-and-set (casWatermark-1.lua).
 * Per-job order and completeness across replicas rest on three rules:
 *   1. a routed stream only takes ids above its last one, in one script per call, so its ids only
 *      grow, and a repeated or overlapping call appends nothing twice;
 *   2. a page is contiguous from the watermark the replica read, and each routed stream's entries
 *      of the page go in one call, in source order;
 *   3. the watermark moves past an entry only after the call holding it succeeded.
 * So an entry is skipped only when its stream already holds a later id; whoever appended that
 * later id had the entry in the same call (rule 2) or found the watermark already past it, which
 * by rule 3 means it had been appended. Replicas racing on a page do the same work twice, which
 * rule 1 makes harmless; the loser's CAS reports the conflict and it carries on from the winner's
 * watermark. Unlike the atomic script, a replica whose page is stale by more than a job stream's
 * TTL could recreate an expired stream with old entries; the watermark is read again before each
 * page to keep that window at one round trip.
 */
class ClusterPageRouter implements PageRouter {
  private readonly redis: RedisClient & ClusterRouteCommands;

  constructor(
    redis: RedisClient,
    private readonly limits: RouteLimits,
  ) {
    this.redis = defineLuaCommands<ClusterRouteCommands>(redis, [routeTopic, casWatermark]);
  }

  async route(watermarkKey: string, watermark: string, next: string, entries: RoutedEntry[]): Promise<RunOutcome> {
    const current = (await this.redis.get(watermarkKey)) ?? '';
    if (current !== watermark) return ['conflict', current];
    const byKey = new Map<string, RoutedEntry[]>();
    for (const entry of entries) {
      const list = byKey.get(entry.key);
      if (list) list.push(entry);
      else byKey.set(entry.key, [entry]);
    }
    const appended = await Promise.all(
      [...byKey].map(([key, list]) => {
        const args: (string | number)[] = list[0].isJob ? [this.limits.jobMaxLen, this.limits.jobTtlSeconds, 'SPUBLISH'] : [this.limits.channelMaxLen, 0, 'SPUBLISH'];
        for (const entry of list) args.push(entry.id, entry.event, entry.data);
        return this.redis.routeTopic(key, ...args);
      }),
    );
    const [outcome, value] = await this.redis.casWatermark(watermarkKey, watermark, next);
    return outcome === 'conflict' ? ['conflict', value] : ['ok', appended.reduce((sum, n) => sum + n, 0)];
  }
}

const PAGE = 500;
/** Each conflict means another replica routed part of the range, so the range shrinks; this only bounds a pathological loop. */
const MAX_ATTEMPTS = 1000;

interface SourceState {
  /** The watermark as last read or written by this replica; undefined until read (or after an error). */
  watermark: string | undefined;
  /** The highest id any caller asked for: a run routes up to it, so queued batches collapse into one run. */
  target: string;
  /** Runs for one source stream go one at a time in this replica; concurrent ones would only collide on the watermark. */
  tail: Promise<unknown>;
}

/**
 * Routes source stream entries into the capped per-job / per-channel streams every replica reads,
 * in source order whichever replica consumed them (see AtomicPageRouter, and ClusterPageRouter
 * for the same guarantee on Redis Cluster).
 */
export class RoutedStreamWriter {
  private readonly sources = new Map<string, SourceState>();
  private readonly pages: PageRouter;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RoutedKeys,
    limits: RouteLimits,
  ) {
    this.pages = isCluster(redis) ? new ClusterPageRouter(redis, limits) : new AtomicPageRouter(redis, limits);
  }

  /** Routes `stream` up to and including `uptoId`; returns how many entries this call appended (others may have done the rest). */
  routeUpTo(stream: string, uptoId: string, route: EntryRouter): Promise<number> {
    let state = this.sources.get(stream);
    if (!state) {
      state = { watermark: undefined, target: uptoId, tail: Promise.resolve() };
      this.sources.set(stream, state);
    }
    if (compareStreamIds(uptoId, state.target) > 0) state.target = uptoId;
    const source = state;
    const run = source.tail.then(() => this.run(stream, source, uptoId, route));
    source.tail = run.catch(() => undefined);
    return run;
  }

  private async run(stream: string, state: SourceState, uptoId: string, route: EntryRouter): Promise<number> {
    const watermarkKey = this.keys.watermark(stream);
    try {
      state.watermark ??= (await this.redis.get(watermarkKey)) ?? '';
      let routed = 0;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const watermark: string = state.watermark ?? '';
        if (watermark !== '' && compareStreamIds(watermark, uptoId) >= 0) return routed;
        const target = state.target;
        const page: [string, string[]][] = await this.redis.xrange(stream, watermark === '' ? '-' : exclusiveStart(watermark), target, 'COUNT', PAGE);
        const next: string = page.length === PAGE ? page[page.length - 1][0] : target;
        const entries: RoutedEntry[] = [];
        for (const [id, flat] of page) {
          const event = route(fieldsToRecord(flat));
          if (event) entries.push({ key: this.keys.forTopic(event.topic), id, isJob: event.topic.kind === 'job', event: event.event, data: event.data });
        }
        const [outcome, value] = await this.pages.route(watermarkKey, watermark, next, entries);
        if (outcome === 'conflict') {
          // Another replica routed part of the range: carry on from where it got to.
          state.watermark = value;
          continue;
        }
        routed += value;
        state.watermark = next;
      }
      throw new Error(`routing ${stream} up to ${uptoId} did not settle after ${MAX_ATTEMPTS} attempts`);
    } catch (error) {
      state.watermark = undefined;
      throw error;
    }
  }
}
