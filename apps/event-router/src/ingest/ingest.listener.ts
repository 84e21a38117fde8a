import { Injectable } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import { withSpan } from '@app/telemetry';
import type { ZodType } from 'zod';
import { chatEventSchema, decodeStreamEntry, governanceAlertSchema, pipelineTriggerEventSchema } from '@app/domain';
import type { StreamBatch } from '@app/redis-streams';
import { SseMetrics } from '../metrics/sse-metrics';
import { RoutedEvent, routeAlert, routeChatEvent, routePipelineTrigger } from '../routing/route-event';
import { EntryRouter, RoutedStreamWriter } from '../routing/routed-stream-writer';

export const INGEST_PATTERNS = { chat: 'chat-events', alerts: 'governance-alerts', pipelines: 'pipeline-triggers' } as const;

function router<T>(schema: ZodType<T>, toRouted: (event: T) => RoutedEvent): EntryRouter {
  return (fields) => {
    const decoded = decodeStreamEntry(fields, schema);
    return decoded.ok ? toRouted(decoded.event) : undefined;
  };
}

const ROUTERS = {
  chat: router(chatEventSchema, routeChatEvent),
  alerts: router(governanceAlertSchema, routeAlert),
  pipelines: router(pipelineTriggerEventSchema, routePipelineTrigger),
};

/**
 * Receives the batches the `eventrouter` group hands this replica and makes sure their source
 * stream is routed at least up to the batch's last entry before they are acknowledged (the
 * routing itself may have been done by another replica: see RoutedStreamWriter). A Redis failure
 * throws, so the runner retries the batch. Entries failing their schema never get here: the
 * runner dead-letters them with the reason, and routing skips them with the same schema.
 */
@Injectable()
export class IngestListener {
  constructor(
    private readonly writer: RoutedStreamWriter,
    private readonly metrics: SseMetrics,
  ) {}

  @EventPattern(INGEST_PATTERNS.chat)
  async chatEvents(batch: StreamBatch<unknown>): Promise<void> {
    await this.route('chat', batch);
  }

  @EventPattern(INGEST_PATTERNS.alerts)
  async alerts(batch: StreamBatch<unknown>): Promise<void> {
    await this.route('alerts', batch);
  }

  @EventPattern(INGEST_PATTERNS.pipelines)
  async pipelineTriggers(batch: StreamBatch<unknown>): Promise<void> {
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
