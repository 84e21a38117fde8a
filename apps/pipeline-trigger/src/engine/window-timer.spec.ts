import pino from 'pino';
import type { ConsumerRunner } from './consumer-runner';
import type { ConsumerState } from './consumer-state';
import type { TriggerPublisher } from './trigger-publisher';
import type { WindowStore } from './window-store';
import { WindowTimer } from './window-timer';

/** Records what the timer asks of the store and publisher; the window script itself is tested against Redis. */
function harness(replies: Record<string, { owned: boolean; closedEpoch: number } | Error>) {
  const calls: string[] = [];
  const store = {
    tick: async (id: string, maxTimeMs: number, owner: string, ttl: number) => {
      calls.push(`tick ${id} ${maxTimeMs} ${owner} ${ttl}`);
      const reply = replies[id];
      if (reply instanceof Error) throw reply;
      return reply;
    },
    releaseLease: async (id: string, owner: string) => {
      calls.push(`release ${id} ${owner}`);
      return true;
    },
  } as unknown as WindowStore;
  const publisher = {
    mark: () => 0,
    publishEpochs: async (context: { consumer_id: string }, epochs: number[]) => void calls.push(`publish ${context.consumer_id} ${epochs.join(',')}`),
    sweep: async (context: { consumer_id: string }, olderThan: number) => {
      calls.push(`sweep ${context.consumer_id} ${olderThan}`);
      return 0;
    },
  } as unknown as TriggerPublisher;
  const runner = (id: string, state: ConsumerState, maxTime: number) =>
    ({ state, config: { consumer_id: id, max_time: maxTime }, context: { consumer_id: id } }) as unknown as ConsumerRunner;
  return { calls, store, publisher, runner };
}

describe('WindowTimer', () => {
  it('ticks running consumers only, publishes what a tick closed, and sweeps the outbox only where it holds the lease', async () => {
    const { calls, store, publisher, runner } = harness({
      a: { owned: true, closedEpoch: 4 },
      b: { owned: false, closedEpoch: 0 },
      d: new Error('redis down'),
      e: { owned: true, closedEpoch: 0 },
    });
    const runners = [runner('a', 'running', 2), runner('b', 'running', 60), runner('c', 'paused', 1), runner('d', 'running', 1), runner('e', 'running', 1)];
    const timer = new WindowTimer(() => runners, store, publisher, 'me', { intervalMs: 100, leaseTtlMs: 5000, resendAfterMs: 3000 }, pino({ level: 'silent' }));
    await timer.tickAll();
    expect(calls).toEqual([
      'tick a 2000 me 5000',
      'publish a 4',
      'sweep a 3000',
      'tick b 60000 me 5000',
      // c is paused: no time trigger while paused; d's failure does not stop e.
      'tick d 1000 me 5000',
      'tick e 1000 me 5000',
      'sweep e 3000',
    ]);
  });

  it('once stopped, does not start again', async () => {
    const { calls, store, publisher, runner } = harness({ a: { owned: true, closedEpoch: 0 } });
    const timer = new WindowTimer(() => [runner('a', 'running', 1)], store, publisher, 'me', { intervalMs: 10, leaseTtlMs: 100, resendAfterMs: 100 }, pino({ level: 'silent' }));
    await timer.stop();
    timer.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
  });
});
