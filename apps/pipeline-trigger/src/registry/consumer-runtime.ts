import type { ConsumerConfig } from '../config-model/consumer-config';

/**
 * What the REST API and the start-up loading need from the engine that runs consumers. The
 * engine's supervisor implements it; the registry and reconciler depend only on this.
 */
export interface ConsumerRuntime {
  /** Starts consuming (or registers the consumer paused); a consumer already running is replaced. */
  start(config: ConsumerConfig, options: { paused: boolean }): Promise<void>;
  update(config: ConsumerConfig): Promise<void>;
  pause(consumerId: string): Promise<void>;
  resume(consumerId: string): Promise<void>;
  /** Stops the consumer and forgets it (its group goes once empty). */
  remove(consumerId: string): Promise<unknown>;
  /** The live view of one consumer (state, current count, window age, lag), or undefined when not running here. */
  info(consumerId: string): Promise<object | undefined>;
}

export const CONSUMER_RUNTIME = Symbol('CONSUMER_RUNTIME');
