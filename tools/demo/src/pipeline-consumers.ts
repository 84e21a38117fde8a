import type { Logger } from 'pino';
import { sleep } from './simulator';

export interface DemoConsumer {
  consumer_id: string;
  kafka_topic: string;
  pipeline_name: string;
  connection_id: string;
  max_event: number;
  max_time: number;
  group_suffix: string;
  auto_offset_reset: 'earliest' | 'latest';
}

/**
 * The two pipeline-trigger consumers of the demo, on one topic with their own groups: one closes
 * its windows by count (small max_event, a long max_time), the other by time (a max_event the demo
 * never reaches, a short max_time).
 */
export function demoConsumers(name: string, topic: string, maxEvent: number, maxTimeS: number): DemoConsumer[] {
  const common = { kafka_topic: topic, connection_id: `${name}-warehouse`, auto_offset_reset: 'earliest' as const };
  return [
    { ...common, consumer_id: `${name}-count`, pipeline_name: `${name}-index-batch`, group_suffix: 'count', max_event: maxEvent, max_time: 3600 },
    { ...common, consumer_id: `${name}-time`, pipeline_name: `${name}-refresh-summary`, group_suffix: 'time', max_event: 1_000_000_000, max_time: maxTimeS },
  ];
}

/**
 * Creates each consumer through pipeline-trigger's REST API, or brings an existing one to this
 * configuration, so a restarted demo neither fails on 409 nor duplicates anything. A consumer the
 * deployment's consumers file owns is left alone (the file wins; the API answers 409 on it).
 */
export async function ensureDemoConsumers(apiUrl: string, token: string | undefined, consumers: DemoConsumer[], logger: Logger, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const call = (method: string, path: string, body?: unknown) => fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });

  await waitForApi(call, logger, signal);
  for (const consumer of consumers) {
    const id = encodeURIComponent(consumer.consumer_id);
    const existing = await call('GET', `/consumers/${id}`);
    if (existing.status === 404) {
      const created = await call('POST', '/consumers', consumer);
      if (created.status === 201) {
        logger.info({ consumer_id: consumer.consumer_id }, 'demo pipeline consumer created');
        continue;
      }
      // Another demo created it between the two calls: fall through to the update.
      if (created.status !== 409) throw new Error(`POST /consumers ${consumer.consumer_id}: ${created.status} ${await created.text()}`);
    } else if (existing.status !== 200) {
      throw new Error(`GET /consumers/${consumer.consumer_id}: ${existing.status} ${await existing.text()}`);
    } else if (((await existing.json()) as { source?: string }).source === 'file') {
      logger.info({ consumer_id: consumer.consumer_id }, 'demo pipeline consumer comes from the consumers file; left as it is');
      continue;
    }
    const updated = await call('PUT', `/consumers/${id}`, consumer);
    if (updated.status !== 200) throw new Error(`PUT /consumers/${consumer.consumer_id}: ${updated.status} ${await updated.text()}`);
    logger.info({ consumer_id: consumer.consumer_id }, 'demo pipeline consumer updated');
  }
}

/** pipeline-trigger may still be starting (npm start launches everything at once). */
async function waitForApi(call: (method: string, path: string) => Promise<Response>, logger: Logger, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await call('GET', '/consumers');
      if (res.status === 200) return;
      if (res.status === 401 || res.status === 403) throw new Error(`pipeline-trigger refused the demo (${res.status}): set PIPELINE_API_TOKEN or API_AUTH_DISABLED=true`);
    } catch (error) {
      if (signal.aborted || (error instanceof Error && error.message.startsWith('pipeline-trigger refused'))) throw error;
    }
    if (Date.now() > deadline) throw new Error('pipeline-trigger API did not answer within 60 s');
    if (attempt % 10 === 9) logger.info('waiting for the pipeline-trigger API');
    await sleep(500);
  }
}
