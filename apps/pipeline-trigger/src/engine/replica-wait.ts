import type { RedisClient } from '@app/platform';
import type { ReplicaWaitSettings } from './replica-wait-settings';

/**
 * What a WAIT after some writes says about them:
 * - `off`: no replicas are required (REDIS_WAIT_REPLICAS=0);
 * - `replicated`: enough replicas acknowledged every write of the connection, so a failover keeps them;
 * - `too-few`: the timeout passed first (a replica is down, stalled or behind);
 * - `reconnected`: the connection dropped since the writes, so this WAIT (perhaps resent by ioredis on
 *   the new connection, to a promoted master) covers none of them, whatever it answered;
 * - `failed`: the WAIT itself failed.
 */
export type WaitVerdict = 'off' | 'replicated' | 'too-few' | 'reconnected' | 'failed';

export function waitVerdict(required: number, reply: { acked: number } | { error: unknown }, sameConnection: boolean): WaitVerdict {
  if (required === 0) return 'off';
  if (!sameConnection) return 'reconnected';
  if ('error' in reply) return 'failed';
  return reply.acked >= required ? 'replicated' : 'too-few';
}

export const isDurable = (verdict: WaitVerdict): boolean => verdict === 'off' || verdict === 'replicated';

/**
 * `WAIT <replicas> <timeout>` on the connection the window script runs on. Redis answers WAIT for the
 * writes of the connection that sends it only, so it must be the window store's own connection, and it
 * must not have been replaced in between: `mark()` before the writes, `confirm(mark)` after them.
 * Redis replicates one ordered stream, so a WAIT also covers whatever other connections had written
 * before this connection's last write.
 */
export class ReplicaWait {
  private connection = 0;

  constructor(
    private readonly redis: RedisClient,
    readonly settings: ReplicaWaitSettings,
  ) {
    if (settings.replicas > 0) redis.on('close', () => this.connection++);
  }

  /** Taken before the writes a later `confirm` is to cover. */
  mark(): number {
    return this.connection;
  }

  async confirm(since: number): Promise<{ verdict: WaitVerdict; acked?: number }> {
    const { replicas, timeoutMs } = this.settings;
    if (replicas === 0) return { verdict: 'off' };
    let reply: { acked: number } | { error: unknown };
    try {
      reply = { acked: Number(await this.redis.call('WAIT', replicas, timeoutMs)) };
    } catch (error) {
      reply = { error };
    }
    return { verdict: waitVerdict(replicas, reply, this.connection === since), acked: 'acked' in reply ? reply.acked : undefined };
  }
}
