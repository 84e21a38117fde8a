import type { ConsumerConfig } from '../../src/config-model/consumer-config';
import type { ConsumerRuntime } from '../../src/registry/consumer-runtime';

/**
 * A ConsumerRuntime that records what it was told, for tests of the API and the reconciler:
 * what they are about is which consumers the engine is asked to run, not the engine itself.
 */
export class RecordingRuntime implements ConsumerRuntime {
  readonly calls: string[] = [];
  readonly running = new Map<string, { config: ConsumerConfig; paused: boolean }>();
  failNextStart = false;
  /** info() never answers, as the engine's lag query does while Kafka is unreachable. */
  hangInfo = false;

  async start(config: ConsumerConfig, options: { paused: boolean }): Promise<void> {
    if (this.failNextStart) {
      this.failNextStart = false;
      throw new Error('broker unreachable');
    }
    this.calls.push(`start ${config.consumer_id}${options.paused ? ' paused' : ''}`);
    this.running.set(config.consumer_id, { config, paused: options.paused });
  }

  async update(config: ConsumerConfig): Promise<void> {
    this.calls.push(`update ${config.consumer_id}`);
    const current = this.running.get(config.consumer_id);
    this.running.set(config.consumer_id, { config, paused: current?.paused ?? false });
  }

  async pause(consumerId: string): Promise<void> {
    this.calls.push(`pause ${consumerId}`);
    const current = this.running.get(consumerId);
    if (current) current.paused = true;
  }

  async resume(consumerId: string): Promise<void> {
    this.calls.push(`resume ${consumerId}`);
    const current = this.running.get(consumerId);
    if (current) current.paused = false;
  }

  async remove(consumerId: string): Promise<void> {
    this.calls.push(`remove ${consumerId}`);
    this.running.delete(consumerId);
  }

  async info(consumerId: string): Promise<Record<string, unknown> | undefined> {
    if (this.hangInfo) return new Promise(() => undefined);
    const current = this.running.get(consumerId);
    return current ? { state: current.paused ? 'paused' : 'running', current_count: 0 } : undefined;
  }
}
