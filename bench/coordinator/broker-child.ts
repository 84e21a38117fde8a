/**
 * The benchmarked broker in its own process (so the load client does not share its CPU). Prints "port <n>".
 * Reads commands on stdin, one per line: "memory" prints {"heapUsed","rss","groups","members"} after a full GC
 * (run node with --expose-gc).
 */
// The broker's own V8 settings first, as in its main.ts.
import '../../apps/broker/src/gc-tuning';
import { createInterface } from 'node:readline';
import { Logger } from '@nestjs/common';
import { startCoordinatorBroker } from './coordinator-broker';

// The listener's start-up lines would land between the figures; warnings and errors still show.
Logger.overrideLogger(['warn', 'error']);

async function main(): Promise<void> {
  const broker = await startCoordinatorBroker(process.env.BROKER_DATA_DIR!);
  process.stdout.write(`port ${broker.port}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    const stats = broker.coordinator.stats();
    const groups = Object.values(stats.groupsByState).reduce((a, b) => a + b, 0);
    process.stdout.write(`memory ${JSON.stringify({ heapUsed, rss, groups, members: stats.members })}\n`);
  });
}

// SIGINT ends the process normally, so a --cpu-prof profile gets written.
process.on('SIGINT', () => process.exit(0));

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
