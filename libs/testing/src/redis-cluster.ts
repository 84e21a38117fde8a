import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { freePort } from './free-port';
import { answersPing, askRedisNode as askNode, RedisServerProcesses } from './redis-server-processes';
import { waitFor } from './wait-for';

const run = promisify(execFile);

/**
 * A Redis Cluster of three masters (no replicas) on loopback, as users run when one node is not
 * enough: real `redis-server --cluster-enabled yes` processes joined with `redis-cli --cluster
 * create`, keeping nothing on disk but their cluster configuration files (in a temporary folder
 * removed at `stop`). Every slot is served once `start` resolves.
 */
export class RedisClusterSet {
  private constructor(
    readonly ports: number[],
    private readonly servers: RedisServerProcesses,
  ) {}

  static async start(masters = 3): Promise<RedisClusterSet> {
    const ports = await Promise.all(Array.from({ length: masters }, () => freePort()));
    const dir = mkdtempSync(path.join(tmpdir(), 'redis-cluster-'));
    const set = new RedisClusterSet(ports, new RedisServerProcesses(dir));
    try {
      for (const port of ports) {
        set.servers.start(port, ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`), '--save', '', '--appendonly', 'no', '--dir', dir]);
      }
      await waitFor(async () => (await Promise.all(ports.map(answersPing))).every(Boolean), {
        what: 'cluster nodes answering',
        timeoutMs: 15_000,
      });
      await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
      await waitFor(async () => (await Promise.all(ports.map((port) => set.clusterStateOk(port)))).every(Boolean), { what: 'cluster_state:ok on every node', timeoutMs: 30_000, intervalMs: 100 });
      return set;
    } catch (error) {
      await set.stop();
      throw error;
    }
  }

  /** `REDIS_CLUSTER_NODES` for a service under test. */
  get nodes(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** An ioredis Cluster client for the test itself; the caller closes it. */
  client(): Cluster {
    const client = new Cluster(
      this.ports.map((port) => ({ host: '127.0.0.1', port })),
      { redisOptions: { maxRetriesPerRequest: 3 } },
    );
    client.on('error', () => undefined);
    return client;
  }

  /** The port of the master serving `key`'s slot. */
  async portOf(key: string): Promise<number> {
    const slot = await askNode(this.ports[0], async (redis) => (await redis.call('CLUSTER', 'KEYSLOT', key)) as number);
    const slots = (await askNode(this.ports[0], (redis) => redis.call('CLUSTER', 'SLOTS'))) as [number, number, [string, number]][];
    const range = slots.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`no node serves slot ${slot} of ${key}`);
    return Number(range[2][1]);
  }

  /** One command on one node (CLIENT KILL, DEBUG ...), for faults a test injects. */
  nodeCall(port: number, ...args: (string | number)[]): Promise<unknown> {
    return askNode(port, (redis) => redis.call(String(args[0]), ...args.slice(1)));
  }

  stop(): Promise<void> {
    return this.servers.stopAll();
  }

  private clusterStateOk(port: number): Promise<boolean> {
    return askNode(port, async (redis) => /cluster_state:ok/.test((await redis.call('CLUSTER', 'INFO')) as string)).catch(() => false);
  }
}
