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

export interface RedisClusterOptions {
  masters?: number;
  /** Replicas per master (default 0); with them a killed master's replica takes over its slots. */
  replicas?: number;
}

/** How long a master may not answer before the others mark it failed and its replica is promoted. */
const NODE_TIMEOUT_MS = 1_000;

/**
 * A Redis Cluster of three masters (no replicas unless asked) on loopback, as users run when one node is not
 * enough: real `redis-server --cluster-enabled yes` processes joined with `redis-cli --cluster
 * create`, keeping nothing on disk but their cluster configuration files (in a temporary folder
 * removed at `stop`). Every slot is served once `start` resolves. With replicas, failure detection is
 * fast (`cluster-node-timeout` 1 s), so a killed master's replica is promoted within seconds.
 */
export class RedisClusterSet {
  private constructor(
    readonly ports: number[],
    private readonly servers: RedisServerProcesses,
  ) {}

  static async start({ masters = 3, replicas = 0 }: RedisClusterOptions = {}): Promise<RedisClusterSet> {
    const ports = await Promise.all(Array.from({ length: masters * (1 + replicas) }, () => freePort()));
    const dir = mkdtempSync(path.join(tmpdir(), 'redis-cluster-'));
    const set = new RedisClusterSet(ports, new RedisServerProcesses(dir));
    // Redis's default (15 s) without replicas: with nothing to promote, a node briefly starved of CPU on a busy
    // test machine should not be marked failed.
    const failureDetection = replicas > 0 ? ['--cluster-node-timeout', String(NODE_TIMEOUT_MS)] : [];
    try {
      for (const port of ports) {
        set.servers.start(port, ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`), ...failureDetection, '--save', '', '--appendonly', 'no', '--dir', dir]);
      }
      await waitFor(async () => (await Promise.all(ports.map(answersPing))).every(Boolean), {
        what: 'cluster nodes answering',
        timeoutMs: 15_000,
      });
      await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', String(replicas), '--cluster-yes'], { timeout: 30_000 });
      await waitFor(async () => (await Promise.all(ports.map((port) => set.clusterStateOk(port)))).every(Boolean), { what: 'cluster_state:ok on every node', timeoutMs: 30_000, intervalMs: 100 });
      if (replicas > 0) await waitFor(() => set.replicasInSync(masters * replicas), { what: `${masters * replicas} replicas in sync`, timeoutMs: 30_000, intervalMs: 100 });
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
  portOf(key: string): Promise<number> {
    return this.portOfFrom(this.ports[0], key);
  }

  private async portOfFrom(askedPort: number, key: string): Promise<number> {
    const slot = await askNode(askedPort, async (redis) => (await redis.call('CLUSTER', 'KEYSLOT', key)) as number);
    const slots = (await askNode(askedPort, (redis) => redis.call('CLUSTER', 'SLOTS'))) as [number, number, [string, number]][];
    const range = slots.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`no node serves slot ${slot} of ${key}`);
    return Number(range[2][1]);
  }

  /** SIGKILL to the master serving `key`'s slot, as a crashed pod; resolves with its port. */
  async killMasterOf(key: string): Promise<number> {
    const port = await this.portOf(key);
    this.servers.kill(port);
    return port;
  }

  /** Resolves with the port of the node serving `key`'s slot once it is not `oldPort` and the cluster is whole again. */
  waitForPromotion(key: string, oldPort: number, timeoutMs = 30_000): Promise<number> {
    const alive = this.ports.filter((port) => port !== oldPort);
    return waitFor(
      async () => {
        const port = await this.portOfFrom(alive[0], key).catch(() => oldPort);
        return port !== oldPort && (await this.clusterStateOk(port)) ? port : undefined;
      },
      { what: `a new master for ${key} after ${oldPort}`, timeoutMs, intervalMs: 200 },
    );
  }

  /** One command on one node (CLIENT KILL, DEBUG ...), for faults a test injects. */
  nodeCall(port: number, ...args: (string | number)[]): Promise<unknown> {
    return askNode(port, (redis) => redis.call(String(args[0]), ...args.slice(1)));
  }

  stop(): Promise<void> {
    return this.servers.stopAll();
  }

  /** Every replica's link to its master up (`redis-cli --cluster create` returns before they have synced). */
  private async replicasInSync(expected: number): Promise<boolean> {
    const infos = await Promise.all(this.ports.map((port) => askNode(port, (redis) => redis.info('replication')).catch(() => '')));
    return infos.filter((info) => /role:slave/.test(info) && /master_link_status:up/.test(info)).length === expected;
  }

  private clusterStateOk(port: number): Promise<boolean> {
    return askNode(port, async (redis) => /cluster_state:ok/.test((await redis.call('CLUSTER', 'INFO')) as string)).catch(() => false);
  }
}
