import type Redis from 'ioredis';
import { fieldsToRecord } from '@app/domain';
import { compareStreamIds, exclusiveStart } from '../cursor/stream-id';
import { RoutedEvent } from './route-event';
import { RoutedKeys } from './routed-keys';
import { ROUTE_RUN_SCRIPT } from './route-script';

export interface RouteLimits {
  jobMaxLen: number;
  channelMaxLen: number;
  jobTtlSeconds: number;
}

/** Turns a source entry into its routed event, or undefined for an entry that is not routed (it fails its schema: its consumer dead-letters it). */
export type EntryRouter = (fields: Record<string, string>) => RoutedEvent | undefined;

type RoutingRedis = Redis & {
  routeRun(watermarkKey: string, ...args: (string | number)[]): Promise<['conflict', string] | ['ok', number]>;
};

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
 * in source order whichever replica consumed them (see ROUTE_RUN_SCRIPT).
 */
export class RoutedStreamWriter {
  private readonly redis: RoutingRedis;
  private readonly sources = new Map<string, SourceState>();

  constructor(redis: Redis, private readonly keys: RoutedKeys, private readonly limits: RouteLimits) {
    redis.defineCommand('routeRun', { numberOfKeys: 1, lua: ROUTE_RUN_SCRIPT });
    this.redis = redis as RoutingRedis;
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
        const args: (string | number)[] = [watermark, next, this.limits.jobMaxLen, this.limits.channelMaxLen, this.limits.jobTtlSeconds];
        for (const [id, flat] of page) {
          const event = route(fieldsToRecord(flat));
          if (event) args.push(this.keys.forTopic(event.topic), id, event.topic.kind === 'job' ? '1' : '0', event.event, event.data);
        }
        const [outcome, value] = await this.redis.routeRun(watermarkKey, ...args);
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
