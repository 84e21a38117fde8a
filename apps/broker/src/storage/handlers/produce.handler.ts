import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type ProduceRequest,
  type ProduceResponse,
  type ProduceResponsePartitionProduceResponse,
} from '@app/kafka-protocol';
import type { AppendResult } from '../log/partition-log';
import { isInternalTopic } from '../topics/topic-name';
import { TopicRegistry } from '../topics/topic-registry';
import { KafkaApi, NO_RESPONSE, type KafkaHandler, type NoResponse } from '../../server/kafka-api';
import type { RequestContext } from '../../server/request-context';
import { kafkaErrorCodeOf } from './kafka-error-code';

type PartitionOutcome = { index: number; result?: AppendResult; errorCode?: number };

/**
 * Produce 0-11, storing record batch v2 only. v0-2 exist in the advertised range because librdkafka
 * 2.0.2 compresses with gzip/snappy/lz4 only when Produce v0 is advertised; clients that can send
 * record batch v2 use v3+, and a v0-2 request (legacy message sets) is refused per partition with
 * UNSUPPORTED_FOR_MESSAGE_FORMAT. As in Apache Kafka, acks 1 is answered once the leader has
 * written the batches to its log; acks -1, which asks for every in-sync replica, is answered once
 * they are as durable as this single node makes them: synced, when the log flushes every batch (as
 * Redpanda does for acks=all). acks 0 gets no response. Batches are appended in the order the
 * connection sent them, even when the client pipelines requests. v8+ per-record errors (KIP-467) are
 * not produced: a bad batch fails whole; v10+ current-leader hints (KIP-951) only accompany
 * NOT_LEADER_OR_FOLLOWER, which a single node never answers. Internal topics (`__...`, see isInternalTopic) are
 * refused per partition with INVALID_TOPIC_EXCEPTION, as Apache answers a client Produce to one of its internal
 * topics ("Cannot append to internal topic"), and are never auto-created by a Produce.
 */
@KafkaApi(ApiKey.Produce, { versions: [0, 11] })
export class ProduceHandler implements KafkaHandler<ProduceRequest, ProduceResponse> {
  private readonly logger = new Logger('ProduceHandler');

  constructor(private readonly topics: TopicRegistry) {}

  async handle(req: ProduceRequest, ctx: RequestContext): Promise<ProduceResponse | NoResponse> {
    const previous = ctx.session.produceIssued;
    let issued!: () => void;
    ctx.session.produceIssued = new Promise<void>((resolve) => (issued = resolve));
    let pending: Array<{ name: string; partitions: Array<Promise<PartitionOutcome>> }>;
    try {
      await previous;
      pending = await this.issueAppends(req, ctx);
    } finally {
      issued();
    }
    const responses = await Promise.all(
      pending.map(async ({ name, partitions }) => ({
        name,
        partitionResponses: (await Promise.all(partitions)).map((o) => this.partitionResponse(o)),
      })),
    );
    if (req.acks === 0) return NO_RESPONSE;
    return { responses, throttleTimeMs: 0 };
  }

  /** Resolves topics (auto-creating them) and hands every partition's batches to its log, in request order. */
  private async issueAppends(req: ProduceRequest, ctx: RequestContext) {
    const recordBatchV2 = ctx.apiVersion >= 3;
    const validAcks = req.acks === 0 || req.acks === 1 || req.acks === -1;
    const out: Array<{ name: string; partitions: Array<Promise<PartitionOutcome>> }> = [];
    for (const topic of req.topicData) {
      let topicError = !recordBatchV2
        ? ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT
        : !validAcks
          ? ErrorCode.INVALID_REQUIRED_ACKS
          : isInternalTopic(topic.name)
            ? ErrorCode.INVALID_TOPIC_EXCEPTION
            : 0;
      if (!topicError && !this.topics.describeTopic(topic.name)) {
        try {
          const created = await this.topics.getOrCreate(topic.name, true);
          if (!created) topicError = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        } catch (err) {
          topicError = kafkaErrorCodeOf(err, this.logger, { api: 'Produce', topic: topic.name });
        }
      }
      out.push({
        name: topic.name,
        partitions: topic.partitionData.map((p) => {
          if (topicError) return Promise.resolve({ index: p.index, errorCode: topicError });
          const log = this.topics.partition(topic.name, p.index);
          if (!log) return Promise.resolve({ index: p.index, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
          if (!p.records || p.records.length === 0) {
            return Promise.resolve({ index: p.index, errorCode: ErrorCode.CORRUPT_MESSAGE });
          }
          // The log reads the records (a view into the request) until the append settles.
          const release = ctx.requestBytes.retain();
          return log.append(p.records, { resolveOnceWritten: req.acks !== -1 }).then(
            (result) => {
              release();
              return { index: p.index, result };
            },
            (err: unknown) => {
              release();
              return { index: p.index, errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'Produce', topic: topic.name, partition: p.index }) };
            },
          );
        }),
      });
    }
    return out;
  }

  private partitionResponse(o: PartitionOutcome): ProduceResponsePartitionProduceResponse {
    if (o.result) {
      return {
        index: o.index,
        errorCode: 0,
        baseOffset: o.result.baseOffset,
        logAppendTimeMs: o.result.logAppendTime,
        logStartOffset: o.result.logStartOffset,
      };
    }
    return { index: o.index, errorCode: o.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: -1n };
  }
}

