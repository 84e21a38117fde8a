import { startTestService, TestService, uniqueName } from '@app/testing';
import Redis from 'ioredis';
import type { ChatConsumerConfig } from '../src/config';
import { chatConsumerService } from '../src/service';

const definition = chatConsumerService;

describe('chat-consumer health', () => {
  let service: TestService<ChatConsumerConfig>;

  const prefix = uniqueName('chat-health');
  const streams = [0, 1, 2, 3].map((shard) => `${prefix}:{${shard}}`);

  afterEach(async () => {
    await service?.sigterm();
    const redis = new Redis('redis://127.0.0.1:6379');
    await redis.del(...streams, `${prefix}:dlq`);
    await redis.quit();
  });

  it('is ready when Redis and Postgres answer', async () => {
    // Test streams, never the real chat:events:* that a running system (or another test) uses.
    service = await startTestService(definition, {
      HTTP_PORT: '0',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
      CHAT_EVENT_STREAMS: streams.join(','),
      CHAT_DLQ_STREAM: `${prefix}:dlq`,
    });
    const res = await fetch(`${service.baseUrl}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { redis: { status: 'up' }, postgres: { status: 'up' }, 'chat-persistence': { status: 'up' } } });
  });
});
