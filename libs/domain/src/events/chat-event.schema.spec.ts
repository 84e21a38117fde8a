import { decodeStreamEntry, encodeStreamEntry, fieldsToRecord } from '../streams/stream-entry';
import { chatDoneEventSchema, chatEventSchema, isChatDoneEvent, persistableChatEventSchema } from './chat-event.schema';

const doneEvent = {
  stage: 'done',
  status: 'completed',
  progress: 100,
  job_id: 'job-42',
  result: {
    answer: 'Paris.',
    persistence: {
      chat_id: 'chat-7',
      user_message: { role: 'user', content: 'Capital of France?', intent: 'geography' },
      assistant_message: { role: 'assistant', content: 'Paris.', metadata: { model: 'm1', tokens: 3 } },
    },
  },
};

const decode = (event: unknown, schema = chatDoneEventSchema) => decodeStreamEntry(fieldsToRecord(encodeStreamEntry(event)), schema);

describe('chat event schemas at the stream boundary', () => {
  it('accepts a complete done event and keeps its fields', () => {
    const decoded = decode(doneEvent);
    expect(decoded).toEqual({ ok: true, event: doneEvent });
  });

  it('accepts a done event whose user message has no intent and assistant message no metadata', () => {
    const { intent: _i, ...user } = doneEvent.result.persistence.user_message;
    const { metadata: _m, ...assistant } = doneEvent.result.persistence.assistant_message;
    const event = { ...doneEvent, result: { ...doneEvent.result, persistence: { ...doneEvent.result.persistence, user_message: user, assistant_message: assistant } } };
    expect(decode(event).ok).toBe(true);
  });

  it('names the missing field when persistence lacks chat_id', () => {
    const { chat_id: _c, ...persistence } = doneEvent.result.persistence;
    const decoded = decode({ ...doneEvent, result: { ...doneEvent.result, persistence } });
    expect(decoded).toEqual({ ok: false, reason: expect.stringContaining('result.persistence.chat_id') });
  });

  it('rejects an unknown message role', () => {
    const persistence = { ...doneEvent.result.persistence, user_message: { role: 'robot', content: 'x' } };
    const decoded = decode({ ...doneEvent, result: { ...doneEvent.result, persistence } });
    expect(decoded).toEqual({ ok: false, reason: expect.stringContaining('result.persistence.user_message.role') });
  });

  it('rejects a progress event as a done event but accepts it as a chat event', () => {
    const progress = { stage: 'retrieval', status: 'running', progress: 40, job_id: 'job-42' };
    expect(decode(progress).ok).toBe(false);
    expect(decode(progress, chatEventSchema as never)).toEqual({ ok: true, event: progress });
  });

  it('reports entries without data or with data that is not JSON, instead of throwing', () => {
    expect(decodeStreamEntry({ payload: '{}' }, chatEventSchema)).toEqual({ ok: false, reason: 'missing field "data"' });
    expect(decodeStreamEntry({ data: '{"stage":' }, chatEventSchema)).toEqual({ ok: false, reason: expect.stringMatching(/^field "data" is not JSON/) });
  });

  it('rejects progress outside 0..100 and an empty job id', () => {
    expect(decode({ stage: 'x', job_id: 'j', progress: 101 }, chatEventSchema as never).ok).toBe(false);
    expect(decode({ stage: 'x', job_id: '' }, chatEventSchema as never).ok).toBe(false);
  });
});

describe('persistableChatEventSchema: the chat-persistence group\'s validity decision', () => {
  const withPersistence = (patch: Record<string, unknown>) => ({ ...doneEvent, result: { ...doneEvent.result, persistence: { ...doneEvent.result.persistence, ...patch } } });
  const persistable = (event: unknown) => decode(event, persistableChatEventSchema as never);

  it('passes progress events of any stage and complete done events, which isChatDoneEvent tells apart', () => {
    const progress = { stage: 'retrieval', progress: 40, job_id: 'job-42' };
    expect(persistable(progress)).toEqual({ ok: true, event: progress });
    const done = persistable(doneEvent);
    expect(done).toEqual({ ok: true, event: doneEvent });
    expect([progress, doneEvent].map((event) => isChatDoneEvent(event as never))).toEqual([false, true]);
  });

  it('refuses a done event without its persistence block, naming the field', () => {
    expect(persistable({ stage: 'done', job_id: 'job-1', result: { answer: 'x' } })).toEqual({ ok: false, reason: 'schema: result.persistence: Invalid input: expected object, received undefined' });
  });

  it('refuses what Postgres cannot store: NUL characters in text or jsonb, and intents over the column length', () => {
    expect(persistable(withPersistence({ user_message: { role: 'user', content: 'a\u0000b' } }))).toEqual({
      ok: false,
      reason: 'schema: result.persistence.user_message.content: contains a NUL character, which Postgres text cannot store',
    });
    expect(persistable({ ...doneEvent, job_id: 'j\u0000' })).toEqual({ ok: false, reason: 'schema: job_id: contains a NUL character, which Postgres text cannot store' });
    expect(persistable(withPersistence({ assistant_message: { role: 'assistant', content: 'x', metadata: { k: 'a\u0000' } } }))).toEqual({
      ok: false,
      reason: 'schema: result.persistence.assistant_message.metadata: contains a NUL character, which Postgres jsonb cannot store',
    });
    expect(persistable(withPersistence({ user_message: { role: 'user', content: 'x', intent: 'i'.repeat(201) } }))).toEqual({
      ok: false,
      reason: 'schema: result.persistence.user_message.intent: longer than 200 characters',
    });
    // 200 characters of four bytes each fit: the column counts characters, not bytes or UTF-16 units.
    expect(persistable(withPersistence({ user_message: { role: 'user', content: 'x', intent: '😀'.repeat(200) } })).ok).toBe(true);
  });

  it('does not hold progress events to the done rules', () => {
    expect(persistable({ stage: 'token', job_id: 'j', token: 'a\u0000' }).ok).toBe(true);
  });
});
