import { Injectable } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
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
    const routed = await this.writer.routeUpTo(batch.stream, last.id, ROUTERS[source]);
    this.metrics.routedEntries(source, routed);
  }
}
