import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { answersPing, askRedisNode as ask, RedisServerProcesses } from './redis-server-processes';
import { waitFor } from './wait-for';

/**
 * A Sentinel-managed failover pair on loopback, as our users run Redis: a master, one replica and
 * three Sentinels (quorum 2), all real `redis-server` processes that keep nothing on disk. Failure
 * detection is fast (1 s down-after) so a test sees a promotion within seconds.
 */
export class RedisSentinelSet {
  readonly name = 'streams';

  private constructor(
    readonly masterPort: number,
    readonly replicaPort: number,
    readonly sentinelPorts: number[],
    private readonly servers: RedisServerProcesses,
  ) {}

  private get dir(): string {
    return this.servers.dir;
  }

  static async start(): Promise<RedisSentinelSet> {
    const [masterPort, replicaPort, ...sentinelPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const set = new RedisSentinelSet(masterPort, replicaPort, sentinelPorts, new RedisServerProcesses(mkdtempSync(path.join(tmpdir(), 'redis-sentinel-'))));
    set.servers.start(masterPort, ['--port', String(masterPort), ...set.serverArgs()]);
    set.servers.start(replicaPort, ['--port', String(replicaPort), '--replicaof', '127.0.0.1', String(masterPort), ...set.serverArgs()]);
    for (const port of sentinelPorts) {
      // Sentinel rewrites its configuration file as it learns the topology, so each gets its own.
      const file = path.join(set.dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${set.dir}`,
          `sentinel monitor ${set.name} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${set.name} 1000`,
          `sentinel failover-timeout ${set.name} 5000`,
          `sentinel parallel-syncs ${set.name} 1`,
          '',
        ].join('\n'),
      );
      set.servers.start(port, [file, '--sentinel']);
    }
    await waitFor(async () => (await Promise.all([masterPort, replicaPort, ...sentinelPorts].map(answersPing))).every(Boolean), { what: 'master, replica and Sentinels answering', timeoutMs: 15_000 });
    await waitFor(async () => (await set.replicaLinkUp(replicaPort)) && (await set.sentinelsAgree()), { what: 'replica in sync and known to every Sentinel', timeoutMs: 20_000 });
    return set;
  }

  /** `REDIS_SENTINELS` for a service under test. */
  get sentinels(): string {
    return this.sentinelPorts.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** The port the Sentinels currently name as master. */
  currentMasterPort(): Promise<number> {
    return ask(this.sentinelPorts[0], async (sentinel) => {
      const [, port] = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', this.name)) as [string, string];
      return Number(port);
    });
  }

  /** SIGKILL to the current master: no shutdown, no last write-back, as a crashed pod. */
  async killMaster(): Promise<number> {
    const port = await this.currentMasterPort();
    this.servers.kill(port);
    return port;
  }

  /**
   * Stops (`true`) or continues the node on `port` with SIGSTOP/SIGCONT: a frozen replica keeps its link open
   * but acknowledges nothing, so a `WAIT` for it times out.
   */
  freeze(port: number, frozen: boolean): void {
    this.servers.freeze(port, frozen);
  }

  /** A new replica of the current master, once in sync (as a restarted pod gives a promoted master one again). */
  async addReplica(): Promise<number> {
    const [port, masterPort] = await Promise.all([freePort(), this.currentMasterPort()]);
    this.servers.start(port, ['--port', String(port), '--replicaof', '127.0.0.1', String(masterPort), ...this.serverArgs()]);
    await this.waitForReplica(port, 15_000);
    return port;
  }

  /** `SENTINEL FAILOVER`: the replica is promoted and the old master, still running, becomes its replica (planned maintenance). */
  async manualFailover(): Promise<number> {
    const oldPort = await this.currentMasterPort();
    await ask(this.sentinelPorts[0], (sentinel) => sentinel.call('SENTINEL', 'FAILOVER', this.name));
    return oldPort;
  }

  /** Resolves once the Sentinels name a master other than `oldPort` and it answers. */
  waitForPromotion(oldPort: number, timeoutMs = 30_000): Promise<number> {
    return waitFor(
      async () => {
        const port = await this.currentMasterPort();
        return port !== oldPort && (await answersPing(port)) ? port : undefined;
      },
      { what: `a new master after ${oldPort}`, timeoutMs, intervalMs: 200 },
    );
  }

  /** Resolves once the node on `port` replicates from the current master (after a planned failover, the old master). */
  waitForReplica(port: number, timeoutMs = 30_000): Promise<boolean> {
    return waitFor(() => this.replicaLinkUp(port), { what: `${port} replicating again`, timeoutMs, intervalMs: 200 });
  }

  stop(): Promise<void> {
    return this.servers.stopAll();
  }

  private serverArgs(): string[] {
    return ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
  }

  private replicaLinkUp(port: number): Promise<boolean> {
    return ask(port, async (redis) => /master_link_status:up/.test(await redis.info('replication'))).catch(() => false);
  }

  private async sentinelsAgree(): Promise<boolean> {
    const views = await Promise.all(
      this.sentinelPorts.map((port) =>
        ask(port, async (sentinel) => {
          const replicas = (await sentinel.call('SENTINEL', 'replicas', this.name)) as unknown[];
          const sentinels = (await sentinel.call('SENTINEL', 'sentinels', this.name)) as unknown[];
          return replicas.length === 1 && sentinels.length === this.sentinelPorts.length - 1;
        }).catch(() => false),
      ),
    );
    return views.every(Boolean);
  }
}
