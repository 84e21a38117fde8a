import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort, waitFor } from '@app/testing';

/** Debian's burrow package installs the binary as /usr/bin/Burrow; zookeeper puts its jar (and its Class-Path) here. */
export const BURROW_BIN = '/usr/bin/Burrow';
export const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

function run(command: string, args: string[], cwd: string): RunningProcess {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-100_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-100_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * ZooKeeper's "srvr" four-letter command names the server's mode once it serves sessions; before that it answers
 * "not currently serving requests" (an open port, and even "ruok", come earlier, and a client connecting then is
 * dropped: Burrow gives up at once).
 */
function zookeeperServes(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write('srvr'));
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.once('close', () => resolve(answer.includes('Mode: standalone')));
    socket.once('error', () => resolve(false));
  });
}

/**
 * A standalone ZooKeeper (ZooKeeperServerMain <port> <dataDir>, as Debian's zkServer.sh runs it without a quorum) on a
 * free loopback port; Burrow keeps its locks there. The admin server is off so it does not take port 8080.
 */
export async function startZooKeeper(dir: string): Promise<RunningProcess & { port: number }> {
  const port = await freePort();
  await mkdir(join(dir, 'zk'), { recursive: true });
  const zk = run('java', ['-Dzookeeper.admin.enableServer=false', '-Dzookeeper.4lw.commands.whitelist=*', '-cp', `/etc/zookeeper/conf:${ZOOKEEPER_JAR}`, 'org.apache.zookeeper.server.ZooKeeperServerMain', String(port), join(dir, 'zk')], dir);
  try {
    await waitFor(() => zookeeperServes(port), { timeoutMs: 30_000, intervalMs: 200, what: `ZooKeeper on ${port}` });
  } catch (error) {
    await zk.stop();
    throw new Error(`${(error as Error).message}\n${zk.output().slice(-3000)}`);
  }
  return { ...zk, port };
}

export interface BurrowOptions {
  dir: string;
  zookeeperPort: number;
  broker: string;
  /** Commits Burrow keeps per partition (its evaluation window). */
  intervals: number;
}

/**
 * Burrow 1.2.1 (`Burrow -config-dir <dir>`) reading `__consumer_offsets` of the broker, with its refresh intervals at
 * their smallest so a test sees commits and high watermarks within a second or two. kafka-version 2.0.0: the newest
 * its sarama knows, and in the 0.11-2.1 range whose offsets-topic formats it decodes.
 */
export async function startBurrow(options: BurrowOptions): Promise<RunningProcess & { url: string }> {
  const httpPort = await freePort();
  const servers = `[ "${options.broker}" ]`;
  const toml = `
[general]
pidfile="${join(options.dir, 'burrow.pid')}"

[logging]
level="info"

[zookeeper]
servers=[ "127.0.0.1:${options.zookeeperPort}" ]
timeout=6
root-path="/burrow"

[client-profile.test]
client-id="burrow-test"
kafka-version="2.0.0"

[cluster.local]
class-name="kafka"
servers=${servers}
client-profile="test"
topic-refresh=1
offset-refresh=1

[consumer.local]
class-name="kafka"
cluster="local"
servers=${servers}
client-profile="test"
offsets-topic="__consumer_offsets"
start-latest=false

[httpserver.default]
address="127.0.0.1:${httpPort}"

[storage.default]
class-name="inmemory"
workers=2
intervals=${options.intervals}
expire-group=604800
min-distance=1

[evaluator.default]
class-name="caching"
expire-cache=1
`;
  await writeFile(join(options.dir, 'burrow.toml'), toml);
  const burrow = run(BURROW_BIN, ['-config-dir', options.dir], options.dir);
  const url = `http://127.0.0.1:${httpPort}`;
  try {
    await waitFor(async () => (await fetch(`${url}/burrow/admin`).catch(() => undefined))?.ok === true, { timeoutMs: 30_000, intervalMs: 200, what: "Burrow's HTTP server" });
  } catch (error) {
    await burrow.stop();
    throw new Error(`${(error as Error).message}\n${burrow.output().slice(-3000)}`);
  }
  return { ...burrow, url };
}
