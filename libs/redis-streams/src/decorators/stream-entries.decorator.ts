import { applyDecorators, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { RethrowHandlerErrors } from '../filters/rethrow-handler-errors.filter';
import type { StreamBatch } from '../interfaces/stream-batch.interface';
import type { StreamSubscription } from '../interfaces/stream-subscription.interface';
import { REDIS_STREAMS_TRANSPORT } from '../redis-streams.constants';

/** Key of the `@EventPattern` extras that carries the subscription to the server's addHandler. */
export const SUBSCRIPTION_EXTRA = 'redisStreamsSubscription';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parameters are checked by TakesBatch
type AnyMethod = (...args: any[]) => unknown;

/** Compiles only when one of the method's parameters (whichever `@Payload()` marks) accepts the subscription's batches. */
type TakesBatch<M extends AnyMethod, E> = StreamBatch<E> extends Parameters<M>[number] ? unknown : { error: 'no parameter of this method accepts StreamBatch of the subscription\'s event type' };

/**
 * Marks the method that handles `subscription`'s entries: an `@EventPattern` of this transport,
 * so Nest's listener pipeline (guards, interceptors, pipes, filters, `@Payload()`/`@Ctx()`) runs
 * around it. A parameter must accept `StreamBatch<E>` for the subscription's event type (after
 * its `accept` type guard), which the compiler checks. Handlers resolve (ack all), resolve `{ rejected }` (dead-letter
 * those, ack the rest) or throw (retry the batch): see HandlerOutcome.
 */
export function StreamEntries<T, A extends T>(subscription: StreamSubscription<T, A>) {
  const decorate = applyDecorators(EventPattern(subscription.pattern, REDIS_STREAMS_TRANSPORT, { [SUBSCRIPTION_EXTRA]: subscription }), UseFilters(RethrowHandlerErrors));
  return <M extends AnyMethod>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M> & TakesBatch<M, A>): void => {
    decorate(target, key, descriptor);
  };
}
