import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import { withSpan } from '@app/telemetry';
import { ChatEvent, chatEventSchema, decodeStreamEntry, GovernanceAlert, governanceAlertSchema, PipelineTriggerEvent, pipelineTriggerEventSchema } from '@app/domain';
import { StreamBatch, StreamEntries, StreamSubscription, streamSubscription } from '@app/redis-streams';
import { SseMetrics } from '../metrics/sse-metrics';
import { RoutedEvent, routeAlert, routeChatEvent, routePipelineTrigger } from '../routing/route-event';
import { EntryRouter, RoutedStreamWriter } from '../routing/routed-stream-writer';

/** The app provides each source's stream names (from configuration) under these tokens. */
export const INGEST_STREAMS = { chat: Symbol('CHAT_EVENT_STREAMS'), alerts: Symbol('ALERTS_STREAM'), pipelines: Symbol('PIPELINE_TRIGGERS_STREAM') } as const;

/** What the `eventrouter` group reads: every event of each source, valid by its schema. */
export const INGESTS = {
  chat: streamSubscription({ pattern: 'chat-events', streams: INGEST_STREAMS.chat, schema: chatEventSchema }),
  alerts: streamSubscription({ pattern: 'governance-alerts', streams: INGEST_STREAMS.alerts, schema: governanceAlertSchema }),
  pipelines: streamSubscription({ pattern: 'pipeline-triggers', streams: INGEST_STREAMS.pipelines, schema: pipelineTriggerEventSchema }),
};

/**
 * Routing reads the source stream itself (it may route entries another replica was handed), so
 * it decodes with the subscription's own schema: what the transport dead-letters, routing skips.
 */
function router<T>(subscription: StreamSubscription<T>, toRouted: (event: T) => RoutedEvent): EntryRouter {
  return (fields) => {
    const decoded = decodeStreamEntry(fields, subscription.schema);
    return decoded.ok ? toRouted(decoded.event) : undefined;
  };
}

const ROUTERS = {
  chat: router(INGESTS.chat, routeChatEvent),
  alerts: router(INGESTS.alerts, routeAlert),
  pipelines: router(INGESTS.pipelines, routePipelineTrigger),
};

/**
 * Receives the batches the `eventrouter` group hands this replica and makes sure their source
 * stream is routed at least up to the batch's last entry before they are acknowledged (the
 * routing itself may have been done by another replica: see RoutedStreamWriter). A Redis failure
 * throws, so the runner retries the batch. Entries failing their schema never get here: the
 * runner dead-letters them with the reason, and routing skips them with the same schema.
 */
@Controller()
export class IngestListener {
  constructor(
    private readonly writer: RoutedStreamWriter,
    private readonly metrics: SseMetrics,
  ) {}

  @StreamEntries(INGESTS.chat)
  async chatEvents(@Payload() batch: StreamBatch<ChatEvent>): Promise<void> {
    await this.route('chat', batch);
  }

  @StreamEntries(INGESTS.alerts)
  async alerts(@Payload() batch: StreamBatch<GovernanceAlert>): Promise<void> {
    await this.route('alerts', batch);
  }

  @StreamEntries(INGESTS.pipelines)
  async pipelineTriggers(@Payload() batch: StreamBatch<PipelineTriggerEvent>): Promise<void> {
    await this.route('pipelines', batch);
  }

  private async route(source: keyof typeof ROUTERS, batch: StreamBatch<unknown>): Promise<void> {
    const last = batch.entries[batch.entries.length - 1];
    if (!last) return;
    // The hand-over to the SSE side: the routed streams every replica's live hub reads. Messaging
    // semantic conventions, a `send` operation (PRODUCER) named `{messaging.operation.name} {source}`;
    // no messaging.destination.name, since one batch fans out to a stream per job or channel. It runs
    // in the batch's `process` span, whose parent is the first entry's traceparent and whose links
    // are the other entries'. Without an SDK the no-op span costs a few objects per batch, none per entry.
    const attributes = { 'messaging.system': 'redis', 'messaging.operation.type': 'send', 'messaging.operation.name': 'route', 'messaging.batch.message_count': batch.entries.length };
    await withSpan(`route ${batch.stream}`, { kind: SpanKind.PRODUCER, attributes }, async (span) => {
      const routed = await this.writer.routeUpTo(batch.stream, last.id, ROUTERS[source]);
      span.setAttribute('event_router.routed_count', routed);
      this.metrics.routedEntries(source, routed);
    });
  }
}
