/** XINFO STREAM / GROUPS / CONSUMERS answer flat [name, value, name, value...] lists (RESP2, as ioredis returns them). */
export function flatRecord(flat: readonly unknown[]): Map<string, unknown> {
  const record = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) record.set(String(flat[i]), flat[i + 1]);
  return record;
}

export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Milliseconds part of a stream id ("1700000000000-3"); null for an id that is not `<ms>-<seq>`. */
export function streamIdMs(id: string | null | undefined): number | null {
  if (!id) return null;
  const match = /^(\d+)-\d+$/.exec(id);
  return match ? Number(match[1]) : null;
}
