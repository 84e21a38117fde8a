import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';
import { offsetFileName, parseOffsetFileName, SegmentSuffix } from '../files/segment-files';
import { ProducerBatch, ProducerStateSnapshot } from './producer-state';

const FORMAT_VERSION = 1;
/** Older snapshots are only a fallback when the newest is unreadable; two are plenty. */
const SNAPSHOTS_KEPT = 2;

/** Offsets of the snapshot files in a partition directory, ascending. */
export async function listProducerSnapshots(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names
    .map((n) => parseOffsetFileName(n, SegmentSuffix.producerSnapshot))
    .filter((o): o is number => o !== undefined)
    .sort((a, b) => a - b);
}

export async function writeProducerSnapshot(dir: string, snapshot: ProducerStateSnapshot): Promise<void> {
  const path = join(dir, offsetFileName(snapshot.offset, SegmentSuffix.producerSnapshot));
  await writeFileAtomic(path, JSON.stringify({ version: FORMAT_VERSION, ...snapshot }));
  const offsets = await listProducerSnapshots(dir);
  const stale = offsets.filter((o) => o !== snapshot.offset).slice(0, Math.max(0, offsets.length - SNAPSHOTS_KEPT));
  await Promise.all(stale.map((o) => deleteProducerSnapshot(dir, o)));
}

export async function deleteProducerSnapshot(dir: string, offset: number): Promise<void> {
  await unlink(join(dir, offsetFileName(offset, SegmentSuffix.producerSnapshot))).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Reads a snapshot; undefined when it is missing, torn or not of this format (recovery then scans further back). */
export async function readProducerSnapshot(dir: string, offset: number): Promise<ProducerStateSnapshot | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, offsetFileName(offset, SegmentSuffix.producerSnapshot)), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isSnapshot(parsed) || parsed.offset !== offset) return undefined;
  return { offset: parsed.offset, batches: parsed.batches };
}

function isSnapshot(v: unknown): v is ProducerStateSnapshot & { version: number } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.version === FORMAT_VERSION && Number.isSafeInteger(o.offset) && Array.isArray(o.batches) && o.batches.every(isBatch);
}

function isBatch(v: unknown): v is ProducerBatch {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return ['producerId', 'epoch', 'firstSeq', 'lastSeq', 'baseOffset', 'lastOffset', 'timestamp'].every((k) =>
    Number.isSafeInteger(o[k]),
  );
}
