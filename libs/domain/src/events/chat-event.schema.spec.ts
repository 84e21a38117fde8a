import { decodeStreamEntry, encodeStreamEntry, fieldsToRecord } from '../streams/stream-entry';
import { chatDoneEventSchema, chatEventSchema } from './chat-event.schema';

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
