import type { ZodType } from 'zod';

/**
 * What one handler consumes: its streams, the schema that decides whether an entry is valid, and
 * which valid entries it wants. Declared once (a constant beside the handler) and put on the
 * handler with `@StreamEntries(subscription)`; `T` flows from the schema through `accept` to the
 * handler's `StreamBatch<T>`.
 */
export interface StreamSubscription<T = unknown, A extends T = T> {
  /** The handler's pattern: names the subscription in logs, traces and errors. One handler per pattern. */
  pattern: string;
  /**
   * The streams to read: names, or a token under which the app provides them (`{ provide: token,
   * useValue: config.SOME_STREAMS }`), for names that come from configuration.
   */
  streams: readonly string[] | symbol;
  /** Decides validity: an entry whose `data` fails it is dead-lettered with the reason and never reaches the handler. */
  schema: ZodType<T>;
  /**
   * Which valid entries the handler wants; the others are acknowledged at once and never held
   * (chat-consumer takes only `done` events: the progress events around them must not wait for its
   * batch flush nor fill the pending list). A type guard narrows what the handler receives.
   */
  accept?: ((event: T) => event is A) | ((event: T) => boolean);
}

/** Keeps the literal types of a subscription (an identity function, for inference). */
export function streamSubscription<T, A extends T = T>(subscription: StreamSubscription<T, A> & { accept?: (event: T) => event is A }): StreamSubscription<T, A>;
export function streamSubscription<T>(subscription: StreamSubscription<T>): StreamSubscription<T>;
export function streamSubscription<T>(subscription: StreamSubscription<T>): StreamSubscription<T> {
  return subscription;
}
