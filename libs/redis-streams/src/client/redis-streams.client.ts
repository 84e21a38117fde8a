import { encodeStreamEntry } from '@app/domain';
import type { RedisClient } from '@app/platform';
import { traceFields } from '@app/telemetry';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';

export interface RedisStreamsClientOptions {
  /** Default approximate cap on a stream's length (`XADD ... MAXLEN ~ n`); none when unset. */
  maxLen?: number;
}

export interface AddOptions {
  /** Approximate cap for this write (`MAXLEN ~ n`), instead of the client's default. */
  maxLen?: number;
  /** The entry id: `*` (the default) lets Redis choose; `<ms>-*` or `<ms>-<seq>` must be above the stream's last id. */
  id?: string;
}

export interface AddAllOptions {
  /** Approximate cap for these writes (`MAXLEN ~ n`), instead of the client's default. */
  maxLen?: number;
  /** Explicit ids, one per event in order (default `*` for each). */
  ids?: readonly string[];
}

/**
 * The producing side of Redis Streams: appends events as the entries `RedisStreamsServer` reads, one JSON
 * field `data` plus the W3C trace fields (`traceparent`, `tracestate`) of the active OpenTelemetry context,
 * the same fields `decodeStreamEntry` and `contextFromFields` read. Every writer of valid entries uses it.
 *
 * It does not own the connection: `connect()` only hands it back, and `close()` leaves it open (the
 * caller that made it quits it). It works with a single node, Sentinel or Cluster connection; `addAll`
 * writes to one stream (one hash slot), so its pipeline goes to one node on a Cluster too.
 *
 * As a Nest `ClientProxy`: `emit(stream, event)` appends `event` to `stream` and emits the entry id;
 * `send()` fails, since a stream carries events and nobody answers them.
 */
export class RedisStreamsClient extends ClientProxy {
  private readonly defaultMaxLen: number | undefined;

  constructor(
    private readonly redis: RedisClient,
    options: RedisStreamsClientOptions = {},
  ) {
    super();
    this.defaultMaxLen = options.maxLen === undefined ? undefined : checkMaxLen(options.maxLen);
  }

  /** One `XADD`: appends `event` to `stream` and resolves with the entry id. */
  async add(stream: string, event: unknown, options: AddOptions = {}): Promise<string> {
    const fields = encode(event);
    const id = await this.redis.xadd(stream, ...this.head(options.maxLen, options.id), ...fields);
    if (id === null) throw new Error(`XADD to ${stream} returned no id`);
    return id;
  }

  /**
   * Appends `events` to one stream in one pipeline (one round trip) and resolves with a result per event,
   * in order: its entry id, or the Error Redis answered for it (or, for an event that is not JSON, the
   * Error that kept it from being sent). Rejects only when the pipeline as a whole fails.
   */
  async addAll(stream: string, events: readonly unknown[], options: AddAllOptions = {}): Promise<Array<string | Error>> {
    const { ids } = options;
    if (ids !== undefined && ids.length !== events.length) throw new RangeError(`addAll got ${ids.length} ids for ${events.length} events`);
    const results: Array<string | Error> = new Array(events.length);
    const sent: number[] = [];
    const trace = traceFields();
    const pipeline = this.redis.pipeline();
    events.forEach((event, i) => {
      try {
        const fields = encode(event, trace);
        pipeline.xadd(stream, ...this.head(options.maxLen, ids?.[i]), ...fields);
        sent.push(i);
      } catch (error) {
        results[i] = error as Error;
      }
    });
    if (sent.length === 0) return results;
    const replies = await pipeline.exec();
    if (!replies) throw new Error(`pipeline of XADD to ${stream} was discarded`);
    sent.forEach((eventIndex, replyIndex) => {
      const [error, id] = replies[replyIndex] ?? [new Error('no reply')];
      results[eventIndex] = error ?? (typeof id === 'string' ? id : new Error(`XADD to ${stream} returned no id`));
    });
    return results;
  }

  /**
   * Appends events to several streams (a chat worker's shards, say): one `addAll` pipeline per stream, the streams
   * in parallel, since on a Cluster each stream is its own slot and no pipeline may span them. Each stream's events
   * keep their order; resolves with a result per entry, in the order given.
   */
  async addEach(entries: readonly { stream: string; event: unknown }[], options: { maxLen?: number } = {}): Promise<Array<string | Error>> {
    const byStream = new Map<string, number[]>();
    entries.forEach(({ stream }, i) => {
      const indices = byStream.get(stream);
      if (indices) indices.push(i);
      else byStream.set(stream, [i]);
    });
    const results: Array<string | Error> = new Array(entries.length);
    await Promise.all(
      [...byStream].map(async ([stream, indices]) => {
        const written = await this.addAll(stream, indices.map((i) => entries[i].event), options);
        written.forEach((result, k) => (results[indices[k]] = result));
      }),
    );
    return results;
  }

  /** The connection, as is; the client never opens it. */
  async connect(): Promise<RedisClient> {
    return this.redis;
  }

  /** Does nothing: the connection belongs to whoever made it, and stays open. */
  close(): void {
    // Not owned: see the class comment.
  }

  unwrap<T = RedisClient>(): T {
    return this.redis as T;
  }

  /** `emit(stream, event)`: the pattern is the stream's name; resolves with the entry id. */
  protected async dispatchEvent<T = string>(packet: ReadPacket): Promise<T> {
    if (typeof packet.pattern !== 'string') throw new TypeError('RedisStreamsClient.emit takes the stream name (a string) as its pattern');
    return (await this.add(packet.pattern, packet.data)) as T;
  }

  /** `send()`: request/response has no meaning on a stream, so it answers with an error at once. */
  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    callback({ err: new Error(`Redis Streams carry events only: use emit(), not send() (pattern ${JSON.stringify(packet.pattern)})`), isDisposed: true });
    return () => undefined;
  }

  private head(maxLen: number | undefined, id: string | undefined): string[] {
    const cap = maxLen === undefined ? this.defaultMaxLen : checkMaxLen(maxLen);
    return cap === undefined ? [id ?? '*'] : ['MAXLEN', '~', String(cap), id ?? '*'];
  }
}

/** The entry's fields; throws for an event JSON cannot carry (undefined, a function), which would write no `data`. */
function encode(event: unknown, trace: Record<string, string> = traceFields()): string[] {
  const fields = encodeStreamEntry(event, trace);
  if (typeof fields[1] !== 'string') throw new TypeError(`event is not JSON-serializable: ${typeof event}`);
  return fields;
}

function checkMaxLen(maxLen: number): number {
  if (!Number.isSafeInteger(maxLen) || maxLen < 0) throw new RangeError(`maxLen must be a non-negative integer, not ${maxLen}`);
  return maxLen;
}
