import { join } from 'node:path';

/** File name suffixes of one segment and of the per-partition producer-state snapshots. */
export const SegmentSuffix = {
  log: '.log',
  offsetIndex: '.index',
  timeIndex: '.timeindex',
  producerSnapshot: '.snapshot',
} as const;

/** Marker written on a clean close; its absence at open means the tail must be validated. */
export const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';

const OFFSET_DIGITS = 20;

/** Kafka's naming: the base offset zero-padded to 20 digits, so names sort like offsets. */
export function offsetFileName(offset: number, suffix: string): string {
  return String(offset).padStart(OFFSET_DIGITS, '0') + suffix;
}

export function segmentPaths(dir: string, baseOffset: number): { log: string; offsetIndex: string; timeIndex: string } {
  return {
    log: join(dir, offsetFileName(baseOffset, SegmentSuffix.log)),
    offsetIndex: join(dir, offsetFileName(baseOffset, SegmentSuffix.offsetIndex)),
    timeIndex: join(dir, offsetFileName(baseOffset, SegmentSuffix.timeIndex)),
  };
}

/** The offset a file name carries for the given suffix, or undefined if the name is not of that kind. */
export function parseOffsetFileName(name: string, suffix: string): number | undefined {
  if (!name.endsWith(suffix)) return undefined;
  const digits = name.slice(0, -suffix.length);
  if (digits.length !== OFFSET_DIGITS || !/^\d+$/.test(digits)) return undefined;
  const offset = Number(digits);
  return Number.isSafeInteger(offset) ? offset : undefined;
}
