import { createTestDatabase, TestDatabase } from '@app/testing';
import { Pool } from 'pg';
import { ChatMessageWriter } from '../src/persistence/chat-message.writer';
import type { ChatRow } from '../src/persistence/chat-row';
import { isRowError, postgresMessage } from '../src/persistence/postgres-error';

function row(n: number, chatId: string, at: number, overrides: Partial<ChatRow> = {}): ChatRow {
  return {
    entryId: `${at}-${n}`,
    eventKey: `chat:events:0/${at}-${n}`,
    chatId,
    title: `question ${n}`,
    jobId: `job-${n}`,
    at: new Date(at),
    user: { role: 'user', content: `question ${n}`, intent: 'faq' },
    assistant: { role: 'assistant', content: `answer ${n}`, metadata: '{"model":"m"}' },
    ...overrides,
  };
}

describe('ChatMessageWriter (real Postgres)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let writer: ChatMessageWriter;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
    writer = new ChatMessageWriter(pool);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const messages = async (chatId: string) =>
    (await pool.query('SELECT role, content, intent, metadata, job_id, event_key, created_at FROM chat.messages WHERE conversation_id = $1 ORDER BY id', [chatId])).rows;
  const conversation = async (chatId: string) => (await pool.query('SELECT title, created_at, updated_at FROM chat.conversations WHERE id = $1', [chatId])).rows[0];

  it('writes both messages of every event in order, and a redelivered batch writes nothing, not even a new version of its conversation', async () => {
    const batch = [row(1, 'w-chat-1', 1_700_000_000_001), row(2, 'w-chat-1', 1_700_000_000_002)];
    const version = async () => (await pool.query(`SELECT xmin::text AS v FROM chat.conversations WHERE id = 'w-chat-1'`)).rows[0]?.v;
    await writer.write(batch);
    const written = await version();
    await writer.write(batch);
    await writer.write([batch[1]]);
    expect(await version()).toBe(written);
    expect(await messages('w-chat-1')).toEqual([
      { role: 'user', content: 'question 1', intent: 'faq', metadata: null, job_id: 'job-1', event_key: 'chat:events:0/1700000000001-1', created_at: new Date(1_700_000_000_001) },
      { role: 'assistant', content: 'answer 1', intent: null, metadata: { model: 'm' }, job_id: 'job-1', event_key: 'chat:events:0/1700000000001-1', created_at: new Date(1_700_000_000_001) },
      { role: 'user', content: 'question 2', intent: 'faq', metadata: null, job_id: 'job-2', event_key: 'chat:events:0/1700000000002-2', created_at: new Date(1_700_000_000_002) },
      { role: 'assistant', content: 'answer 2', intent: null, metadata: { model: 'm' }, job_id: 'job-2', event_key: 'chat:events:0/1700000000002-2', created_at: new Date(1_700_000_000_002) },
    ]);
  });

  it('titles a conversation by its earliest event whichever batch commits first, and only moves updated_at forward', async () => {
    await writer.write([row(5, 'w-chat-2', 1_700_000_000_500, { title: 'later turn' })]);
    await writer.write([row(3, 'w-chat-2', 1_700_000_000_300, { title: 'first turn' })]);
    expect(await conversation('w-chat-2')).toEqual({ title: 'first turn', created_at: new Date(1_700_000_000_300), updated_at: new Date(1_700_000_000_500) });
  });

  it('refuses a batch with a row Postgres cannot store as a row error naming the cause, and writes none of it', async () => {
    const bad = row(7, 'w-chat-3', 1_700_000_000_700, { assistant: { role: 'assistant', content: 'x', metadata: '{"k":"\\ud800"}' } });
    const error = await writer.write([row(6, 'w-chat-3', 1_700_000_000_600), bad]).catch((e: unknown) => e);
    expect(isRowError(error)).toBe(true);
    expect(postgresMessage(error)).toMatch(/json/i);
    expect(await messages('w-chat-3')).toEqual([]);
    expect(await conversation('w-chat-3')).toBeUndefined();
  });
});
