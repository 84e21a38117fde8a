/**
 * Plays a chat worker for the demo: appends one job's events (queued, thinking, generating with
 * progress, done) to its shard of the chat event streams, a few per second, so the demo page
 * at http://localhost:3001/?job=<job_id> has something to render.
 *
 *   npx tsx apps/event-router/scripts/demo-job.ts [job_id]
 *
 * Uses REDIS_URL and CHAT_EVENT_STREAMS like the router (defaults: localhost, chat:events:0 … chat:events:3).
 */
import Redis from 'ioredis';
import { chatDoneEventSchema, chatEventSchema, chatEventStreams, shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';

const WORDS = 'Server-Sent Events carry each stage of the job to every browser that subscribed , in order , and resume after a reconnect .'.split(' ');

async function main(): Promise<void> {
  const jobId = process.argv[2] ?? `demo-${Date.now().toString(36)}`;
  const streams = process.env.CHAT_EVENT_STREAMS ? process.env.CHAT_EVENT_STREAMS.split(',').map((s) => s.trim()) : chatEventStreams();
  const stream = streams[shardForJob(jobId, streams.length)];
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const client = new RedisStreamsClient(redis);
  console.log(`open http://localhost:3001/?job=${encodeURIComponent(jobId)} — publishing to ${stream}`);

  const publish = async (event: unknown) => {
    const id = await client.add(stream, event);
    console.log(id, JSON.stringify(event).slice(0, 100));
    await new Promise((resolve) => setTimeout(resolve, 400));
  };
  await publish(chatEventSchema.parse({ stage: 'queued', status: 'pending', progress: 0, job_id: jobId }));
  await publish(chatEventSchema.parse({ stage: 'thinking', status: 'running', progress: 5, job_id: jobId }));
  let answer = '';
  for (let i = 0; i < WORDS.length; i++) {
    answer = answer ? `${answer} ${WORDS[i]}` : WORDS[i];
    await publish(chatEventSchema.parse({ stage: 'generating', status: 'running', progress: Math.round(10 + (85 * (i + 1)) / WORDS.length), job_id: jobId, token: WORDS[i] }));
  }
  await publish(
    chatDoneEventSchema.parse({
      stage: 'done',
      status: 'completed',
      progress: 100,
      job_id: jobId,
      result: {
        answer,
        persistence: { chat_id: `chat-${jobId}`, user_message: { role: 'user', content: 'How does the event router work?' }, assistant_message: { role: 'assistant', content: answer } },
      },
    }),
  );
  await redis.quit();
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
