import { CallHandler, Controller, ExecutionContext, Global, Injectable, Logger, Module, NestInterceptor, PipeTransform, UseInterceptors } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { REDIS } from '@app/platform';
import { uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { Registry } from 'prom-client';
import { map, Observable } from 'rxjs';
import { z } from 'zod';
import { connectRedisStreams, HandlerOutcome, RedisStreamsClient, RedisStreamsContext, RedisStreamsModule, RedisStreamsServer, StreamBatch, StreamEntries, streamSubscription } from '../src';

/**
 * The transport inside a real hybrid Nest app, as the services run it: handlers are found by
 * Nest's listener pipeline, so interceptors, pipes (global ones inherited from the app), parameter
 * decorators and filters run around them.
 */
const prefix = uniqueName('rs-nest');
const STREAMS = Symbol('STREAMS');
const streams = [`${prefix}:a`, `${prefix}:b`];
const dlq = `${prefix}:dlq`;

const numbers = streamSubscription({
  pattern: 'numbers',
  streams: STREAMS,
  schema: z.object({ n: z.number().int(), kind: z.enum(['keep', 'skip', 'poison', 'fail']) }),
  accept: (event): event is { n: number; kind: 'keep' | 'poison' | 'fail' } => event.kind !== 'skip',
});
type Numbers = { n: number; kind: 'keep' | 'poison' | 'fail' };

const calls: { ns: number[]; stream: string; pattern: string; tagged: boolean }[] = [];
const intercepted: string[] = [];
let failures = 0;

/** A global pipe the app registers; the hybrid transport inherits it (inheritAppConfig). */
class TagBatch implements PipeTransform {
  transform(value: unknown) {
    return value instanceof RedisStreamsContext ? value : { ...(value as object), tagged: true };
  }
}

@Injectable()
class CountOutcomes implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    intercepted.push(`${context.getType()}:${context.switchToRpc().getContext<RedisStreamsContext>().getPattern()}`);
    return next.handle().pipe(map((outcome: HandlerOutcome) => outcome));
  }
}

@Controller()
class NumbersListener {
  // Parameters in the "wrong" order: the decorators, not the position, say which is which.
  @StreamEntries(numbers)
  @UseInterceptors(CountOutcomes)
  async handle(@Ctx() context: RedisStreamsContext, @Payload() batch: StreamBatch<Numbers> & { tagged?: boolean }): Promise<HandlerOutcome> {
    if (batch.entries.some((entry) => entry.event.kind === 'fail') && failures++ < 2) throw new Error('database unavailable');
    calls.push({ ns: batch.entries.map((entry) => entry.event.n), stream: context.getStream(), pattern: context.getPattern(), tagged: batch.tagged === true });
    return { rejected: batch.entries.filter((entry) => entry.event.kind === 'poison').map((entry) => ({ id: entry.id, reason: 'poison' })) };
  }
}

describe('RedisStreamsServer in a hybrid Nest app (real Redis)', () => {
  let redis: Redis;
  let app: Awaited<ReturnType<typeof NestFactory.create>>;
  const errors: string[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    @Global()
    @Module({ providers: [{ provide: REDIS, useValue: redis }, { provide: Registry, useValue: new Registry() }], exports: [REDIS, Registry] })
    class Platform {}
    @Module({
      imports: [Platform, RedisStreamsModule.forRoot({ group: 'g', consumer: 'c1', deadLetterStream: dlq, blockMs: 200, retryInitialMs: 20, retryMaxMs: 50 })],
      controllers: [NumbersListener],
      providers: [{ provide: STREAMS, useValue: streams }],
    })
    class AppModule {}
    app = await NestFactory.create(AppModule, { logger: false });
    app.useGlobalPipes(new TagBatch());
    connectRedisStreams(app);
    app.get(RedisStreamsServer).on('error', (error) => errors.push(error.message));
    await app.init();
    await app.startAllMicroservices();
  });

  afterAll(async () => {
    await app?.close();
    const markers = await redis.keys(`{${dlq}}:dead-lettered:*`);
    await redis.del(...streams, dlq, ...markers);
    await redis.quit();
  });

  const add = (stream: string, event: object) => new RedisStreamsClient(redis).add(stream, event);
  const pending = async (stream: string) => ((await redis.xpending(stream, 'g')) as [number])[0];

  it('runs the handler through the pipeline: parameter decorators in any order, interceptors, inherited global pipes', async () => {
    await add(streams[0], { n: 1, kind: 'keep' });
    await add(streams[1], { n: 2, kind: 'keep' });
    await waitFor(() => calls.length === 2, { what: 'both streams handled' });
    expect(calls.map(({ stream, ns, pattern, tagged }) => ({ stream, ns, pattern, tagged })).sort((a, b) => a.ns[0] - b.ns[0])).toEqual([
      { stream: streams[0], ns: [1], pattern: 'numbers', tagged: true },
      { stream: streams[1], ns: [2], pattern: 'numbers', tagged: true },
    ]);
    expect(intercepted).toEqual(['rpc:numbers', 'rpc:numbers']);
    await waitFor(async () => (await pending(streams[0])) + (await pending(streams[1])) === 0, { what: 'acknowledged' });
  });

  it('acknowledges entries the subscription does not accept without calling the handler, and dead-letters invalid ones', async () => {
    calls.length = 0;
    await add(streams[0], { n: 3, kind: 'skip' });
    await add(streams[0], { n: 'four', kind: 'keep' });
    await add(streams[0], { n: 5, kind: 'poison' });
    await waitFor(async () => (await redis.xlen(dlq)) === 2, { what: 'two dead letters' });
    const reasons = (await redis.xrange(dlq, '-', '+')).map(([, fields]) => JSON.parse(fields[1]).reason as string);
    expect(reasons).toEqual([expect.stringMatching(/^schema: n: /), 'poison']);
    expect(calls.flatMap((call) => call.ns)).toEqual([5]);
    await waitFor(async () => (await pending(streams[0])) === 0, { what: 'acknowledged' });
  });

  it('hands the error a handler threw to the transport, which retries the batch', async () => {
    calls.length = 0;
    await add(streams[1], { n: 6, kind: 'fail' });
    await waitFor(() => calls.length === 1, { what: 'handled after two failures' });
    expect(failures).toBe(3);
    expect(errors.filter((message) => message === 'database unavailable')).toHaveLength(2);
  });
});
