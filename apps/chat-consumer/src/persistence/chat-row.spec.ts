import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { StreamEntry } from '@app/redis-streams';
import type { ChatEvent } from '@app/domain';
import { entryTime, titleFrom, toChatRow } from './chat-row';

function entry(event: unknown, id = '1700000000123-4'): StreamEntry<ChatEvent> {
  return { stream: 'chat:events:2', id, event: event as ChatEvent, fields: {}, deliveryCount: 1, traceContext: ROOT_CONTEXT };
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
      ok: true,
      row: {
        entryId: '1700000000123-4',
        eventKey: 'chat:events:2/1700000000123-4',
        chatId: 'chat-1',
        title: 'What is the capital of France?',
        jobId: 'job-1',
        at: new Date(1700000000123),
        user: { role: 'user', content: 'What is the capital\nof France?', intent: 'geo' },
        assistant: { role: 'assistant', content: 'Paris.', metadata: '{"model":"m1","tokens":3}' },
      },
    });
  });

  it('stores absent intent and metadata as null', () => {
    const result = toChatRow(entry(done({ user_message: { role: 'user', content: 'hi' }, assistant_message: { role: 'assistant', content: 'hello', metadata: null } })));
    expect(result.ok && [result.row.user.intent, result.row.assistant.metadata]).toEqual([null, null]);
  });

  it('refuses a done event without its persistence block, naming the field', () => {
    const result = toChatRow(entry({ stage: 'done', job_id: 'job-1', result: { answer: 'x' } }));
    expect(result).toEqual({ ok: false, reason: 'schema: result.persistence: Invalid input: expected object, received undefined' });
  });

  it('refuses what Postgres cannot store: NUL characters and over-long intents', () => {
    expect(toChatRow(entry(done({ user_message: { role: 'user', content: 'a\u0000b' } })))).toEqual({
      ok: false,
      reason: 'schema: result.persistence.user_message.content: contains a NUL character, which Postgres text cannot store',
    });
    expect(toChatRow(entry(done({ assistant_message: { role: 'assistant', content: 'x', metadata: { k: 'a\u0000' } } }))).ok).toBe(false);
    expect(toChatRow(entry(done({ user_message: { role: 'user', content: 'x', intent: 'i'.repeat(201) } })))).toEqual({
      ok: false,
      reason: 'schema: result.persistence.user_message.intent: longer than 200 characters',
    });
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
