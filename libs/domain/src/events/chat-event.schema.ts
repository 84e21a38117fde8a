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
