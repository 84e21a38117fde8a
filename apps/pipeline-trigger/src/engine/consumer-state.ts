import type { PipelineTriggerEvent } from '@app/domain';

export type ConsumerState = 'starting' | 'running' | 'paused' | 'stopping' | 'stopped' | 'failed';

/** What `ConsumerSupervisor.info` reports for one consumer on this replica. */
export interface ConsumerInfo {
  consumer_id: string;
  group_id: string;
  state: ConsumerState;
  /** Why the consumer failed, when state is `failed`. */
  error?: string;
  /** The open window's count: the value of `consumer:<id>:events`. */
  current_count: number;
  count_key: string;
  window_epoch: number;
  window_started_at: string | null;
  window_age_ms: number | null;
  last_trigger: PipelineTriggerEvent | null;
  /** Sum over partitions of end offset − committed offset; null when Kafka could not be asked. */
  lag: number | null;
}

export class UnknownConsumerError extends Error {
  constructor(readonly consumerId: string) {
    super(`no consumer ${consumerId}`);
  }
}

export class ConsumerExistsError extends Error {
  constructor(readonly consumerId: string) {
    super(`consumer ${consumerId} already runs`);
  }
}
