import { z } from 'zod';

const messageRole = z.enum(['user', 'assistant', 'system']);

export const chatUserMessageSchema = z.object({
  role: messageRole,
  content: z.string(),
  intent: z.string().nullish(),
});

export const chatAssistantMessageSchema = z.object({
  role: messageRole,
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

export const chatPersistenceSchema = z.object({
  chat_id: z.string().min(1).max(200),
  user_message: chatUserMessageSchema,
  assistant_message: chatAssistantMessageSchema,
});

/** Every chat event a worker emits while it works on a job; `stage` says which step it is. */
export const chatEventSchema = z
  .object({
    stage: z.string().min(1).max(100),
    status: z.string().max(100).optional(),
    progress: z.number().min(0).max(100).optional(),
    job_id: z.string().min(1).max(200),
    result: z.unknown().optional(),
  })
  .passthrough();

/** The final event of a job: its answer and the two messages the chat-persistence group stores. */
export const chatDoneEventSchema = chatEventSchema.extend({
  stage: z.literal('done'),
  result: z
    .object({
      answer: z.string(),
      persistence: chatPersistenceSchema,
    })
    .passthrough(),
});

export type ChatEvent = z.infer<typeof chatEventSchema>;
export type ChatDoneEvent = z.infer<typeof chatDoneEventSchema>;
export type ChatPersistence = z.infer<typeof chatPersistenceSchema>;

export const CHAT_DONE_STAGE = 'done';

/** The length of `chat.messages.intent` (VARCHAR(200)), in characters as Postgres counts them (code points). */
export const CHAT_INTENT_MAX_LENGTH = 200;

/**
 * A done event the chat tables can hold. Postgres refuses a NUL character in text and jsonb and an
 * intent over its column's length; such an event is invalid here, with a reason, so it is
 * dead-lettered alone instead of failing the whole batch it would travel in.
 */
export const storableChatDoneEventSchema = chatDoneEventSchema.superRefine((event, ctx) => {
  const { chat_id, user_message: user, assistant_message: assistant } = event.result.persistence;
  const texts: [path: string[], text: string | null | undefined][] = [
    [['result', 'persistence', 'chat_id'], chat_id],
    [['result', 'persistence', 'user_message', 'content'], user.content],
    [['result', 'persistence', 'user_message', 'intent'], user.intent],
    [['result', 'persistence', 'assistant_message', 'content'], assistant.content],
    [['job_id'], event.job_id],
  ];
  for (const [path, text] of texts) {
    if (text?.includes('\u0000')) ctx.addIssue({ code: 'custom', path, message: 'contains a NUL character, which Postgres text cannot store' });
  }
  if (user.intent != null && Array.from(user.intent).length > CHAT_INTENT_MAX_LENGTH) {
    ctx.addIssue({ code: 'custom', path: ['result', 'persistence', 'user_message', 'intent'], message: `longer than ${CHAT_INTENT_MAX_LENGTH} characters` });
  }
  if (assistant.metadata != null && JSON.stringify(assistant.metadata).includes('\\u0000')) {
    ctx.addIssue({ code: 'custom', path: ['result', 'persistence', 'assistant_message', 'metadata'], message: 'contains a NUL character, which Postgres jsonb cannot store' });
  }
});

/**
 * The chat-persistence group's one decision on validity: any chat event, with a `done` event held
 * to storableChatDoneEventSchema. The Redis Streams transport applies it to every entry; what
 * fails goes to the dead-letter stream with the schema's reason.
 */
export const persistableChatEventSchema = chatEventSchema.superRefine((event, ctx) => {
  if (event.stage !== CHAT_DONE_STAGE) return;
  const done = storableChatDoneEventSchema.safeParse(event);
  if (!done.success) for (const issue of done.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/** Whether a chat event that passed persistableChatEventSchema is the done event of its job. */
export function isChatDoneEvent(event: ChatEvent): event is ChatDoneEvent {
  return event.stage === CHAT_DONE_STAGE;
}
