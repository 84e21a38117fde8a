import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { StreamEntry } from '@app/redis-streams';
import type { ChatDoneEvent } from '@app/domain';
import { entryTime, titleFrom, toChatRow } from './chat-row';

function entry(event: unknown, id = '1700000000123-4'): StreamEntry<ChatDoneEvent> {
  return { stream: 'chat:events:2', id, event: event as ChatDoneEvent, fields: {}, deliveryCount: 1, traceContext: ROOT_CONTEXT };
}

function done(persistence: Record<string, unknown> = {}) {
  return {
    stage: 'done',
    status: 'completed',
    progress: 100,
    job_id: 'job-1',
    result: {
      answer: 'Paris.',
      persistence: {
        chat_id: 'chat-1',
        user_message: { role: 'user', content: 'What is the capital\nof France?', intent: 'geo' },
        assistant_message: { role: 'assistant', content: 'Paris.', metadata: { model: 'm1', tokens: 3 } },
        ...persistence,
      },
    },
  };
}

describe('toChatRow', () => {
  it('maps a done event to its conversation and two messages, keyed by the stream entry', () => {
    expect(toChatRow(entry(done()))).toEqual({
      entryId: '1700000000123-4',
      eventKey: 'chat:events:2/1700000000123-4',
      chatId: 'chat-1',
      title: 'What is the capital of France?',
      jobId: 'job-1',
      at: new Date(1700000000123),
      user: { role: 'user', content: 'What is the capital\nof France?', intent: 'geo' },
      assistant: { role: 'assistant', content: 'Paris.', metadata: '{"model":"m1","tokens":3}' },
    });
  });

  it('stores absent intent and metadata as null', () => {
    const row = toChatRow(entry(done({ user_message: { role: 'user', content: 'hi' }, assistant_message: { role: 'assistant', content: 'hello', metadata: null } })));
    expect([row.user.intent, row.assistant.metadata]).toEqual([null, null]);
  });
});

describe('titleFrom', () => {
  it('puts the message on one line and cuts it to 200 characters without splitting a character', () => {
    expect(titleFrom('  hello\n\tworld  ')).toBe('hello world');
    const long = '😀'.repeat(250);
    expect(Array.from(titleFrom(long))).toHaveLength(200);
    expect(titleFrom(long).endsWith('😀')).toBe(true);
  });

  it('names an empty message', () => {
    expect(titleFrom(' \n ')).toBe('(untitled)');
  });
});

describe('entryTime', () => {
  it('reads the milliseconds part of a stream id', () => {
    expect(entryTime('1700000000123-4').getTime()).toBe(1700000000123);
  });
});
