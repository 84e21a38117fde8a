import { fieldsToRecord } from '@app/domain';

/** An entry as read from a stream; `fields` is null when the entry was deleted or trimmed while pending. */
export interface RawEntry {
  id: string;
  fields: Record<string, string> | null;
}

type RawEntryReply = [id: string, fields: string[] | null];

function toRawEntries(reply: readonly RawEntryReply[]): RawEntry[] {
  return reply.map(([id, fields]) => ({ id, fields: fields ? fieldsToRecord(fields) : null }));
}

/** XREADGROUP on a single stream: null (timeout) or `[[stream, [[id, fields]...]]]`. */
export function parseReadGroupReply(reply: unknown): RawEntry[] {
  if (reply === null || reply === undefined) return [];
  const streams = reply as [string, RawEntryReply[]][];
  return streams.flatMap(([, entries]) => toRawEntries(entries));
}

export interface AutoClaimResult {
  cursor: string;
  entries: RawEntry[];
  /** IDs that were pending but no longer exist in the stream; Redis 7 already removed them from the PEL. */
  deletedIds: string[];
}

/** XAUTOCLAIM: `[cursor, [[id, fields]...], [deletedId...]]` (the third element from Redis 7.0 on). */
export function parseAutoClaimReply(reply: unknown): AutoClaimResult {
  const [cursor, entries, deleted] = reply as [string, RawEntryReply[], string[] | undefined];
  return { cursor, entries: toRawEntries(entries), deletedIds: deleted ?? [] };
}

/** Extended XPENDING: `[[id, consumer, idle ms, delivery count]...]` as a map id → delivery count. */
export function parsePendingDeliveryCounts(reply: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [id, , , deliveries] of reply as [string, string, number, number][]) counts.set(id, Number(deliveries));
  return counts;
}

export interface GroupInfo {
  name: string;
  consumers: number;
  pending: number;
  lastDeliveredId: string;
  /** Entries not yet delivered to the group; null when Redis cannot tell (after deletions). */
  lag: number | null;
}

/** XINFO GROUPS: one flat [name, value, ...] list per group. */
export function parseGroupsInfo(reply: unknown): GroupInfo[] {
  return (reply as unknown[][]).map((flat) => {
    const info = new Map<string, unknown>();
    for (let i = 0; i + 1 < flat.length; i += 2) info.set(String(flat[i]), flat[i + 1]);
    const lag = info.get('lag');
    return {
      name: String(info.get('name')),
      consumers: Number(info.get('consumers') ?? 0),
      pending: Number(info.get('pending') ?? 0),
      lastDeliveredId: String(info.get('last-delivered-id') ?? ''),
      lag: lag === null || lag === undefined ? null : Number(lag),
    };
  });
}
