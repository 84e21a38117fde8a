import { ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import Redis from 'ioredis';

/**
 * The `redis-server` processes of one test topology (Sentinel set, cluster) and their temporary folder: started
 * here, asked questions one connection at a time, and all killed and removed together.
 */
export class RedisServerProcesses {
  private readonly processes = new Map<number, ChildProcess>();

  constructor(readonly dir: string) {}

  /** Starts `redis-server` with `args` (its port among them) and keeps it under `port`. */
  start(port: number, args: string[]): void {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    child.on('error', (error) => {
      throw new Error(`redis-server could not start (Debian package redis-server): ${error.message}`);
    });
    this.processes.set(port, child);
  }

  /** SIGKILL to the server on `port`: no shutdown, no last write-back, as a crashed pod. */
  kill(port: number): void {
    this.processes.get(port)?.kill('SIGKILL');
    this.processes.delete(port);
  }

  /** SIGSTOP / SIGCONT: a server that neither answers nor acknowledges until continued, its sockets kept open. */
  freeze(port: number, frozen: boolean): void {
    this.processes.get(port)?.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  async stopAll(): Promise<void> {
    for (const child of this.processes.values()) child.kill('SIGCONT');
    const exits = [...this.processes.values()].map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve))));
    for (const child of this.processes.values()) child.kill('SIGKILL');
    await Promise.all(exits);
    this.processes.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A short-lived connection to one node for one question, closed whatever the answer. */
export async function askRedisNode<T>(port: number, question: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await question(redis);
  } finally {
    redis.disconnect();
  }
}

export const answersPing = (port: number): Promise<boolean> => askRedisNode(port, async (redis) => (await redis.ping()) === 'PONG').catch(() => false);
