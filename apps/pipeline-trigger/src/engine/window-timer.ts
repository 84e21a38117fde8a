import type { Logger } from 'pino';
import type { ConsumerRunner } from './consumer-runner';
import type { TriggerPublisher } from './trigger-publisher';
import type { WindowStore } from './window-store';

export interface TimerSettings {
  /** How often the timer looks at each window: a window closes at most this long after max_time. */
  intervalMs: number;
  /** The lease outlives a few missed ticks; another replica takes over once it lapses. */
  leaseTtlMs: number;
  /** An outbox record this old was left by a closer that crashed or failed; the lease owner re-sends it. */
  resendAfterMs: number;
}

/**
 * The time threshold. Every interval, for each running consumer, one window-script call takes or renews
 * that consumer's lease and closes the window if its first event is max_time old — so it fires with no
 * new events, and only the lease owner's call can close on time. The owner also re-sends stale outbox
 * records.
 */
export class WindowTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly runners: () => Iterable<ConsumerRunner>,
    private readonly store: WindowStore,
    private readonly publisher: TriggerPublisher,
    private readonly owner: string,
    private readonly settings: TimerSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.stopped) return;
    this.timer ??= setInterval(() => {
      this.running ??= this.tickAll().finally(() => (this.running = undefined));
    }, this.settings.intervalMs);
  }

  /** For good: the service is shutting down. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Lets another replica take the consumer's timer at once instead of after the lease TTL. */
  release(consumerId: string): Promise<boolean> {
    return this.store.releaseLease(consumerId, this.owner);
  }

  async tickAll(): Promise<void> {
    for (const runner of this.runners()) {
      if (runner.state !== 'running') continue;
      try {
        await this.tick(runner);
      } catch (error) {
        this.logger.warn({ err: error, consumer_id: runner.config.consumer_id }, 'window timer tick failed');
      }
    }
  }

  private async tick(runner: ConsumerRunner): Promise<void> {
    const { consumer_id: id, max_time: maxTime } = runner.config;
    const since = this.publisher.mark();
    const { owned, closedEpoch } = await this.store.tick(id, maxTime * 1000, this.owner, this.settings.leaseTtlMs);
    if (closedEpoch > 0) await this.publisher.publishEpochs(runner.context, [closedEpoch], since);
    if (owned) await this.publisher.sweep(runner.context, this.settings.resendAfterMs, since);
  }
}
