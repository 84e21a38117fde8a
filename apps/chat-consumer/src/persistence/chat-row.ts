import { ChatEvent, chatDoneEventSchema } from '@app/domain';
import type { StreamEntry } from '@app/redis-streams';

/** What one `done` event writes: its conversation (created or touched) and two messages. */
export interface ChatRow {
  /** The stream entry, for acknowledging or rejecting it. */
  entryId: string;
  /** `<stream>/<entry id>`: with the role, the unique key that makes a redelivery write nothing. */
  eventKey: string;
  chatId: string;
  /** Used only when the conversation is new: the first user message names it. */
  title: string;
  jobId: string;
  /** The entry's time (from its id): the messages' created_at and the conversation's updated_at. */
  at: Date;
  user: { role: string; content: string; intent: string | null };
  assistant: { role: string; content: string; metadata: string | null };
}

export type ChatRowResult = { ok: true; row: ChatRow } | { ok: false; reason: string };

const TITLE_LENGTH = 200;
const INTENT_LENGTH = 200;
const UNTITLED = '(untitled)';

/** The title of a new conversation: the user's message on one line, cut to the column's 200 characters (not mid-character). */
export function titleFrom(content: string): string {
  // Only the start can end up in the title; a long answer-sized message is not scanned whole.
  const line = content.trimStart().slice(0, 4 * TITLE_LENGTH).replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_LENGTH) return line || UNTITLED;
  return Array.from(line).slice(0, TITLE_LENGTH).join('');
}

/** Milliseconds part of a stream entry id (`<ms>-<seq>`). */
export function entryTime(id: string): Date {
  return new Date(Number(id.slice(0, id.indexOf('-'))));
}

/**
 * Checks a chat event against the done-event schema and against what the tables can store, and
 * maps it to rows. Anything Postgres would refuse is refused here with a reason, so one bad event
 * is dead-lettered instead of failing the whole batch it travels in.
 */
export function toChatRow(entry: StreamEntry<ChatEvent>): ChatRowResult {
  const parsed = chatDoneEventSchema.safeParse(entry.event);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, reason: `schema: ${issues.join('; ')}` };
  }
  const event = parsed.data;
  const { chat_id: chatId, user_message: user, assistant_message: assistant } = event.result.persistence;
  const intent = user.intent ?? null;
  if (intent !== null && Array.from(intent).length > INTENT_LENGTH) return { ok: false, reason: `schema: result.persistence.user_message.intent: longer than ${INTENT_LENGTH} characters` };
  const metadata = assistant.metadata == null ? null : JSON.stringify(assistant.metadata);
  const texts: [string, string | null][] = [
    ['result.persistence.chat_id', chatId],
    ['result.persistence.user_message.content', user.content],
    ['result.persistence.user_message.intent', intent],
    ['result.persistence.assistant_message.content', assistant.content],
    ['job_id', event.job_id],
  ];
  for (const [path, text] of texts) {
    if (text?.includes('\u0000')) return { ok: false, reason: `schema: ${path}: contains a NUL character, which Postgres text cannot store` };
  }
  if (metadata?.includes('\\u0000')) return { ok: false, reason: 'schema: result.persistence.assistant_message.metadata: contains a NUL character, which Postgres jsonb cannot store' };
  return {
    ok: true,
    row: {
      entryId: entry.id,
      eventKey: `${entry.stream}/${entry.id}`,
      chatId,
      title: titleFrom(user.content),
      jobId: event.job_id,
      at: entryTime(entry.id),
      user: { role: user.role, content: user.content, intent },
      assistant: { role: assistant.role, content: assistant.content, metadata },
    },
  };
}
