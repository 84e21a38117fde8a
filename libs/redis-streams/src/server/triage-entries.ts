import { decodeStreamEntry } from '@app/domain';
import { contextFromFields } from '@app/telemetry';
import type { ZodType } from 'zod';
import type { StreamEntry } from '../interfaces/stream-batch.interface';
import type { RawEntry } from '../replies/stream-replies';

export type DeadLetterKind = 'schema' | 'max_deliveries' | 'rejected';

export interface DeadLetterCandidate {
  id: string;
  fields: Record<string, string>;
  deliveryCount: number;
  kind: DeadLetterKind;
  reason: string;
}

export interface TriagedEntries<T> {
  deliver: StreamEntry<T>[];
  deadLetter: DeadLetterCandidate[];
  /** Valid entries the subscription does not want: acknowledged without calling the handler. */
  skipped: string[];
  /** Pending IDs whose entry no longer exists (deleted or trimmed): nothing to process, only to acknowledge. */
  vanished: string[];
}

/**
 * Splits what a read returned into entries for the handler, entries for the dead-letter stream
 * (too many deliveries, or failing the schema) and entries that vanished from the stream. Pure, so
 * the rules are tested without Redis.
 */
export function triageEntries<T>(
  stream: string,
  raw: readonly RawEntry[],
  deliveryCounts: ReadonlyMap<string, number>,
  maxDeliveries: number,
  schema: ZodType<T>,
  accept: (event: T) => boolean = () => true,
): TriagedEntries<T> {
  const result: TriagedEntries<T> = { deliver: [], deadLetter: [], skipped: [], vanished: [] };
  for (const { id, fields } of raw) {
    if (fields === null) {
      result.vanished.push(id);
      continue;
    }
    const deliveryCount = deliveryCounts.get(id) ?? 1;
    if (deliveryCount > maxDeliveries) {
      result.deadLetter.push({ id, fields, deliveryCount, kind: 'max_deliveries', reason: `delivered ${deliveryCount} times (max ${maxDeliveries}) without success` });
      continue;
    }
    const decoded = decodeStreamEntry(fields, schema);
    if (!decoded.ok) {
      result.deadLetter.push({ id, fields, deliveryCount, kind: 'schema', reason: decoded.reason });
      continue;
    }
    if (!accept(decoded.event)) {
      result.skipped.push(id);
      continue;
    }
    result.deliver.push({ stream, id, event: decoded.event, fields, deliveryCount, traceContext: contextFromFields(fields) });
  }
  return result;
}
