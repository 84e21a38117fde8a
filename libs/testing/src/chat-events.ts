import type { ChatDoneEvent } from '@app/domain';

export interface ChatDoneEventOptions {
  /** Default `chat-<jobId>`. */
  chatId?: string;
  /** The user's message; default `question of <jobId>`. */
  question?: string;
  /** The answer and the assistant's message; default `answer to <jobId>`. */
  answer?: string;
  /** Default `faq`; null leaves it out as the users' worker may. */
  intent?: string | null;
  /** The assistant message's metadata; default `{ model: 'test', job: <jobId> }`, null for none. */
  metadata?: Record<string, unknown> | null;
}

/**
 * A complete `done` event in the users' chat-worker shape (the one chat-persistence stores and the
 * SSE clients end a job on), for tests and benchmarks; each caller sets only what it checks.
 */
export function chatDoneEvent(jobId: string, options: ChatDoneEventOptions = {}): ChatDoneEvent {
  const answer = options.answer ?? `answer to ${jobId}`;
  const intent = options.intent === undefined ? 'faq' : options.intent;
  const metadata = options.metadata === undefined ? { model: 'test', job: jobId } : options.metadata;
  return {
    stage: 'done',
    status: 'completed',
    progress: 100,
    job_id: jobId,
    result: {
      answer,
      persistence: {
        chat_id: options.chatId ?? `chat-${jobId}`,
        user_message: { role: 'user', content: options.question ?? `question of ${jobId}`, ...(intent === null ? {} : { intent }) },
        assistant_message: { role: 'assistant', content: answer, ...(metadata === null ? {} : { metadata }) },
      },
    },
  };
}
