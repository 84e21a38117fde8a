import type { ChatDoneEvent } from '@app/domain';
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

const TITLE_LENGTH = 200;
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
 * The rows of one done event. Validity is decided before this (storableChatDoneEventSchema, applied
 * by the transport), so every event that gets here maps.
 */
export function toChatRow(entry: StreamEntry<ChatDoneEvent>): ChatRow {
  const { chat_id: chatId, user_message: user, assistant_message: assistant } = entry.event.result.persistence;
  return {
    entryId: entry.id,
    eventKey: `${entry.stream}/${entry.id}`,
    chatId,
    title: titleFrom(user.content),
    jobId: entry.event.job_id,
    at: entryTime(entry.id),
    user: { role: user.role, content: user.content, intent: user.intent ?? null },
    assistant: { role: assistant.role, content: assistant.content, metadata: assistant.metadata == null ? null : JSON.stringify(assistant.metadata) },
  };
}
