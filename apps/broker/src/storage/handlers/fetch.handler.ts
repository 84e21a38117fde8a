import { Logger } from '@nestjs/common';
import {
  ApiKey,
  EMPTY_BYTES,
  ErrorCode,
  type FetchRequest,
  type FetchResponse,
  type FetchResponseFetchableTopicResponse,
  type FetchResponsePartitionData,
  ZERO_UUID,
  uuidFromBytes,
} from '@app/kafka-protocol';
import type { PartitionLog } from '../log/partition-log';
import { TopicRegistry } from '../topics/topic-registry';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import type { RequestContext } from '../../server/request-context';
import { kafkaErrorCodeOf } from './kafka-error-code';
import { wholeBatchesWithin } from './fetch-limits';

/**
 * Fetch 4-17. Long poll: when fewer than min_bytes are available the request waits, woken by any
 * append to a requested partition, until min_bytes are there or max_wait_ms passes (or the
 * connection closes). Limits: max_bytes for the response and partition_max_bytes per partition; the
 * first batch of the first non-empty partition is returned whole even if larger (KIP-74). No
 * transactions, so last_stable_offset = high watermark and there are never aborted transactions.
 * Fetch sessions are not kept: session id 0 tells clients to send full requests.
 * From v13 topics are named by id (KIP-516) in the request and the response; an id no topic has is
 * answered UNKNOWN_TOPIC_ID per partition. Leader epochs are constant 0 on this single node: a
 * current_leader_epoch above it (v9+, KIP-320) is UNKNOWN_LEADER_EPOCH, -1 or 0 pass; none of the
 * v12+ tagged leader or snapshot fields apply (they answer NOT_LEADER and KRaft snapshot cases).
 * Lower bound 4: the first version returning record batches as stored (v2 magic only).
 */
@KafkaApi(ApiKey.Fetch, { versions: [4, 17] })
export class FetchHandler implements KafkaHandler<FetchRequest, FetchResponse> {
  private readonly logger = new Logger('FetchHandler');

  constructor(private readonly topics: TopicRegistry) {}

  async handle(req: FetchRequest, ctx: RequestContext): Promise<FetchResponse> {
    const deadline = Date.now() + Math.max(0, req.maxWaitMs);
    const names = ctx.apiVersion >= 13 ? req.topics.map((t) => this.topics.topicNameById(uuidFromBytes(t.topicId ?? ZERO_UUID))) : req.topics.map((t) => t.topic);
    const logs = req.topics.flatMap((t, i) => {
      const name = names[i];
      return name === undefined ? [] : t.partitions.map((p) => this.topics.partition(name, p.partition));
    });
    let appended = false;
    let wake: (() => void) | undefined;
    const unsubscribe = logs
      .filter((l): l is PartitionLog => l !== undefined)
      .map((l) =>
        l.onAppend(() => {
          appended = true;
          wake?.();
        }),
      );
    try {
      for (;;) {
        appended = false;
        const { responses, bytes, failed, release } = await this.readOnce(req, names);
        const remaining = deadline - Date.now();
        if (bytes >= req.minBytes || failed || remaining <= 0 || ctx.signal.aborted) {
          ctx.afterResponseWritten(release);
          return { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses };
        }
        release();
        if (!appended) await this.waitForWake(remaining, ctx.signal, (fn) => (wake = fn));
        wake = undefined;
      }
    } finally {
      for (const u of unsubscribe) u();
    }
  }

  private waitForWake(ms: number, signal: AbortSignal, setWake: (fn: () => void) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      setWake(done);
    });
  }

  /** One pass over the requested partitions; `release` frees the read buffers the records live in. */
  private async readOnce(req: FetchRequest, names: ReadonlyArray<string | undefined>) {
    let bytes = 0;
    let failed = false;
    const releases: Array<() => void> = [];
    const responses: FetchResponseFetchableTopicResponse[] = [];
    for (let t = 0; t < req.topics.length; t++) {
      const topic = req.topics[t];
      const name = names[t];
      const partitions: FetchResponsePartitionData[] = [];
      for (const p of topic.partitions) {
        const base = { partitionIndex: p.partition, abortedTransactions: [], preferredReadReplica: -1 };
        const log = name === undefined ? undefined : this.topics.partition(name, p.partition);
        const epochError = (p.currentLeaderEpoch ?? -1) > LEADER_EPOCH;
        if (!log || epochError) {
          failed = true;
          partitions.push({
            ...base,
            errorCode: name === undefined ? ErrorCode.UNKNOWN_TOPIC_ID : !log ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_LEADER_EPOCH,
            highWatermark: -1n,
            lastStableOffset: -1n,
            logStartOffset: -1n,
            records: EMPTY_BYTES,
          });
          continue;
        }
        const budget = Math.min(p.partitionMaxBytes, req.maxBytes - bytes);
        if (budget <= 0 && bytes > 0) {
          partitions.push({ ...base, ...this.watermarks(log), errorCode: 0, records: EMPTY_BYTES });
          continue;
        }
        try {
          const read = await log.read(p.fetchOffset, Math.max(budget, 1));
          releases.push(read.release);
          const records = bytes > 0 ? wholeBatchesWithin(read.records, budget) : read.records;
          bytes += records.length;
          if (read.errorCode !== 0) failed = true;
          partitions.push({
            ...base,
            errorCode: read.errorCode,
            highWatermark: read.highWatermark,
            lastStableOffset: read.lastStableOffset,
            logStartOffset: read.logStartOffset,
            records,
          });
        } catch (err) {
          failed = true;
          const errorCode = kafkaErrorCodeOf(err, this.logger, { api: 'Fetch', topic: name, partition: p.partition });
          partitions.push({ ...base, ...this.watermarks(log), errorCode, records: EMPTY_BYTES });
        }
      }
      responses.push({ topic: topic.topic, topicId: topic.topicId, partitions });
    }
    const release = (): void => {
      for (const r of releases) r();
    };
    return { responses, bytes, failed, release };
  }

  private watermarks(log: PartitionLog) {
    const hw = log.highWatermark;
    return { highWatermark: hw, lastStableOffset: hw, logStartOffset: log.logStartOffset };
  }
}

/** Every partition's leader epoch: one node, leadership never changes (see the Metadata handler). */
const LEADER_EPOCH = 0;
