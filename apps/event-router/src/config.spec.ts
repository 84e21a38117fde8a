import { ConfigError, loadConfig } from '@app/platform';
import { eventRouterEnv } from './config';

describe('event-router configuration', () => {
  it('defaults to the contract names and safe settings', () => {
    const config = loadConfig(eventRouterEnv, {});
    expect(config).toMatchObject({
      HTTP_PORT: 3001,
      CHAT_EVENT_STREAMS: ['chat:events:0', 'chat:events:1', 'chat:events:2', 'chat:events:3'],
      ALERTS_STREAM: 'governance:alerts',
      PIPELINE_TRIGGERS_STREAM: 'pipeline:triggers',
      CHAT_DLQ_STREAM: 'chat:events:dlq',
      CONSUMER_GROUP: 'eventrouter',
      SSE_AUTH_DISABLED: false,
      SSE_JWT_SECRET: undefined,
      SSE_CORS_ORIGINS: [],
      SSE_HEARTBEAT_MS: 15_000,
    });
  });

  it('reads lists and reports every bad value at once', () => {
    expect(loadConfig(eventRouterEnv, { CHAT_EVENT_STREAMS: 'a, b', SSE_CORS_ORIGINS: 'https://a.example,http://b.example:8080' })).toMatchObject({
      CHAT_EVENT_STREAMS: ['a', 'b'],
      SSE_CORS_ORIGINS: ['https://a.example', 'http://b.example:8080'],
    });
    let error: unknown;
    try {
      loadConfig(eventRouterEnv, {
        CHAT_EVENT_STREAMS: 'a,a',
        SSE_JWT_SECRET: 'short',
        SSE_CORS_ORIGINS: 'app.example',
        SSE_MAX_BUFFERED_BYTES: '10',
        SSE_AUTH_DISABLED: 'maybe',
        ROUTED_KEY_PREFIX: 'has space',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual(
      ['CHAT_EVENT_STREAMS', 'ROUTED_KEY_PREFIX', 'SSE_AUTH_DISABLED', 'SSE_CORS_ORIGINS', 'SSE_JWT_SECRET', 'SSE_MAX_BUFFERED_BYTES'],
    );
  });
});
