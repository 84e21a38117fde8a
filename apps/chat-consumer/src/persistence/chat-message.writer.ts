import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ChatRow } from './chat-row';
import { CHAT_WRITE_POOL } from './chat-write-pool';

/** Writes a batch of done events, all or nothing. */
export interface ChatRowWriter {
  write(rows: readonly ChatRow[]): Promise<void>;
}

/** What the writer needs of a pool: `pg`'s `query`, which runs on an idle connection (its own transaction when alone). */
export type ChatWriteQueryable = Pick<Pool, 'query'>;

// User message before assistant message, event by event, so ids keep each conversation's order on created_at ties.
const WRITE_BATCH = `
  WITH conversation AS (
    INSERT INTO chat.conversations (id, title, created_at, updated_at)
    SELECT id, title, to_timestamp(first_at / 1000.0), to_timestamp(last_at / 1000.0)
    FROM json_to_recordset($1::json) AS c(id varchar, title varchar, first_at bigint, last_at bigint)
    ORDER BY id
    ON CONFLICT (id) DO UPDATE SET
      title = CASE WHEN EXCLUDED.created_at < chat.conversations.created_at THEN EXCLUDED.title ELSE chat.conversations.title END,
      created_at = LEAST(chat.conversations.created_at, EXCLUDED.created_at),
      updated_at = GREATEST(chat.conversations.updated_at, EXCLUDED.updated_at)
    -- Only when that changes something: a redelivered batch then leaves its conversations as they are instead of writing a new version of each.
    WHERE EXCLUDED.created_at < chat.conversations.created_at OR EXCLUDED.updated_at > chat.conversations.updated_at
  )
  INSERT INTO chat.messages (conversation_id, role, content, intent, metadata, job_id, event_key, created_at)
  SELECT m.c, v.role, v.content, v.intent, v.metadata, m.j, m.k, to_timestamp(m.a / 1000.0)
  FROM json_to_recordset($2::json)
       AS m(n int, k varchar, c varchar, j varchar, a bigint, ur varchar, uc text, ui varchar, ar varchar, ac text, am text)
  CROSS JOIN LATERAL (VALUES (1, m.ur, m.uc, m.ui, NULL::jsonb), (2, m.ar, m.ac, NULL, m.am::jsonb)) AS v(part, role, content, intent, metadata)
  ORDER BY m.n, v.part
  ON CONFLICT (event_key, role) DO NOTHING`;

/**
 * A batch is one statement, so one round trip and its own transaction: a data-modifying CTE
 * upserts the conversations (titled by their earliest user message by entry time, whichever batch
 * commits first, since a conversation's turns can sit on different shards; updated_at only moves
 * forward), and the main INSERT adds both messages of every event with ON CONFLICT DO NOTHING on
 * (event_key, role), so a redelivered event writes nothing. The rows travel as two JSON
 * parameters, times as epoch milliseconds (far cheaper to serialise than dates), to a statement
 * prepared once per connection. Measured against multi-row INSERT, UNNEST arrays and Prisma
 * (bench/chat-consumer/insert-methods.ts), this does the least work per row on both sides.
 */
@Injectable()
export class ChatMessageWriter implements ChatRowWriter {
  constructor(@Inject(CHAT_WRITE_POOL) private readonly pool: ChatWriteQueryable) {}

  async write(rows: readonly ChatRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.pool.query({ name: 'chat-write-batch', text: WRITE_BATCH, values: batchParameters(rows) });
  }
}

/** The statement's two JSON parameters: the conversations to upsert and the events' messages. */
export function batchParameters(rows: readonly ChatRow[]): [conversations: string, messages: string] {
  const conversations = JSON.stringify(conversationsOf(rows).map((c) => ({ id: c.id, title: c.title, first_at: c.firstAt.getTime(), last_at: c.lastAt.getTime() })));
  const messages = JSON.stringify(
    rows.map((row, n) => ({
      n,
      k: row.eventKey,
      c: row.chatId,
      j: row.jobId,
      a: row.at.getTime(),
      ur: row.user.role,
      uc: row.user.content,
      ui: row.user.intent,
      ar: row.assistant.role,
      ac: row.assistant.content,
      am: row.assistant.metadata,
    })),
  );
  return [conversations, messages];
}

export interface ConversationUpsert {
  id: string;
  title: string;
  firstAt: Date;
  lastAt: Date;
}

/**
 * One upsert per conversation (Postgres refuses to update a row twice in one statement), titled by
 * its earliest event in the batch, and sorted by id so concurrent flushes lock rows in the same
 * order and cannot deadlock.
 */
export function conversationsOf(rows: readonly ChatRow[]): ConversationUpsert[] {
  const byId = new Map<string, ConversationUpsert>();
  for (const row of rows) {
    const seen = byId.get(row.chatId);
    if (!seen) {
      byId.set(row.chatId, { id: row.chatId, title: row.title, firstAt: row.at, lastAt: row.at });
      continue;
    }
    if (row.at < seen.firstAt) {
      seen.firstAt = row.at;
      seen.title = row.title;
    }
    if (row.at > seen.lastAt) seen.lastAt = row.at;
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
