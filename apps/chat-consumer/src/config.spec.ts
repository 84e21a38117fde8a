import { ConfigError, loadConfig } from '@app/platform';
import { checkChatConsumerConfig, chatConsumerEnv } from './config';

describe('chat-consumer config', () => {
  it('defaults to the contract names and the issue batch policy', () => {
    const config = loadConfig(chatConsumerEnv, {});
    expect(config).toMatchObject({
      CHAT_EVENT_STREAMS: ['chat:events:0', 'chat:events:1', 'chat:events:2', 'chat:events:3'],
      CHAT_DLQ_STREAM: 'chat:events:dlq',
      CONSUMER_GROUP: 'chat-persistence',
      CONSUMER_NAME: undefined,
      BATCH_SIZE: 100,
      FLUSH_INTERVAL_MS: 5_000,
      CLAIM_MIN_IDLE_MS: 60_000,
    });
    expect(() => checkChatConsumerConfig(config)).not.toThrow();
  });

  it('takes a stream list, trimming spaces around names', () => {
    expect(loadConfig(chatConsumerEnv, { CHAT_EVENT_STREAMS: 't:{0}, t:{1}' }).CHAT_EVENT_STREAMS).toEqual(['t:{0}', 't:{1}']);
  });

  it('refuses empty, spaced or repeated stream names and bad numbers, naming each variable', () => {
    const issues = (env: Record<string, string>) => {
      try {
        loadConfig(chatConsumerEnv, env);
        return [];
      } catch (error) {
        return (error as ConfigError).issues.map((issue) => issue.variable);
      }
    };
    expect(issues({ CHAT_EVENT_STREAMS: 'a,,b' })).toEqual(['CHAT_EVENT_STREAMS']);
    expect(issues({ CHAT_EVENT_STREAMS: 'a b' })).toEqual(['CHAT_EVENT_STREAMS']);
    expect(issues({ CHAT_EVENT_STREAMS: 'a,a' })).toEqual(['CHAT_EVENT_STREAMS']);
    expect(issues({ BATCH_SIZE: '0', FLUSH_INTERVAL_MS: 'soon', CONSUMER_NAME: 'pod 1' })).toEqual(['CONSUMER_NAME', 'BATCH_SIZE', 'FLUSH_INTERVAL_MS']);
  });

  it('refuses a reclaim idle time that would steal batches still waiting for their flush', () => {
    const config = loadConfig(chatConsumerEnv, { FLUSH_INTERVAL_MS: '5000', CLAIM_MIN_IDLE_MS: '9000' });
    expect(() => checkChatConsumerConfig(config)).toThrow('CLAIM_MIN_IDLE_MS (9000) must be at least twice FLUSH_INTERVAL_MS (5000)');
  });

  it('refuses a dead-letter stream that is also a consumed stream', () => {
    const config = loadConfig(chatConsumerEnv, { CHAT_EVENT_STREAMS: 's:{0},s:dlq', CHAT_DLQ_STREAM: 's:dlq' });
    expect(() => checkChatConsumerConfig(config)).toThrow('CHAT_DLQ_STREAM (s:dlq) must not be one of CHAT_EVENT_STREAMS');
  });
});
