import { randomUUID } from 'node:crypto';
import { chatDoneEventSchema, chatEventSchema, shardForJob } from '@app/domain';
import type { RedisClient } from '@app/platform';
import { RedisStreamsClient } from '@app/redis-streams';
import type { Logger } from 'pino';
import { Simulator, startTicker } from './simulator';

const TICK_MS = 100;
/** How long one job takes from `queued` to `done`: long enough to watch on the SSE demo page. */
const JOB_DURATION_MS = 4_000;

const QUESTIONS = [
  { content: 'How do I recycle plastic bottles?', intent: 'waste', answer: 'Rinse them , remove the cap , and put them in the plastics bin .' },
  { content: 'Will it rain tomorrow?', intent: 'weather', answer: 'Light rain is expected in the afternoon , so take an umbrella .' },
  { content: 'Where does used cooking oil go?', intent: 'waste', answer: 'Let it cool , seal it in a bottle , and bring it to a collection point .' },
  { content: 'Is the park open today?', intent: 'general', answer: 'The park is open from 6 am to 10 pm every day .' },
];

/** queued, thinking, retrieving, one generating per token, done. */
const AVG_EVENTS_PER_JOB = QUESTIONS.reduce((sum, q) => sum + q.answer.split(' ').length + 4, 0) / QUESTIONS.length;

interface PlannedEvent {
  atMs: number;
  event: unknown;
}

interface Job {
  id: string;
  stream: string;
  events: PlannedEvent[];
}

/**
 * Plays the users' chat-worker: each job writes queued, thinking, retrieving, a few generating
 * events with the next token, then `done` with the persistence block, all to the job's shard
 * (`shardForJob`, so the job's order is one stream's order), one JSON field `data` per entry.
 * Jobs overlap so that the total is DEMO_RATE events per second.
 */
export class ChatWorkerSimulator implements Simulator {
  readonly name = 'chat-worker';
  private readonly jobs: Job[] = [];
  private ticker?: { stop(): Promise<void> };
  private startBudget = 0;
  private seq = 0;
  private eventsWritten = 0;
  private jobsDone = 0;
  private lastJobId = '';
  private readonly client: RedisStreamsClient;

  constructor(
    redis: RedisClient,
    private readonly streams: string[],
    private readonly rate: number,
    private readonly jobPrefix: string,
    private readonly logger: Logger,
  ) {
    this.client = new RedisStreamsClient(redis);
  }

  async start(): Promise<void> {
    this.ticker = startTicker(TICK_MS, () => this.tick(), (error) => this.logger.warn({ err: error }, 'chat events not written; retrying'));
  }

  async stop(): Promise<void> {
    await this.ticker?.stop();
  }

  stats() {
    return { chat_events: this.eventsWritten, chat_jobs_done: this.jobsDone, chat_jobs_open: this.jobs.length, last_job: this.lastJobId };
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    // Jobs start at DEMO_RATE / (events per job) a second, so the events they write add up to DEMO_RATE.
    this.startBudget += (this.rate * TICK_MS) / 1000 / AVG_EVENTS_PER_JOB;
    while (this.startBudget >= 1) {
      this.startBudget -= 1;
      this.jobs.push(this.planJob(now));
    }
    const due: { stream: string; event: unknown }[] = [];
    for (const job of this.jobs) {
      while (job.events.length > 0 && job.events[0].atMs <= now) {
        const next = job.events.shift() as PlannedEvent;
        due.push({ stream: job.stream, event: next.event });
      }
    }
    if (due.length > 0) {
      const results = await this.client.addEach(due);
      const failed = results.find((result) => result instanceof Error);
      if (failed) throw failed;
      this.eventsWritten += results.length;
    }
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      if (this.jobs[i].events.length === 0) {
        this.jobs.splice(i, 1);
        this.jobsDone++;
      }
    }
  }

  private planJob(now: number): Job {
    const id = `${this.jobPrefix}-${now.toString(36)}-${(this.seq++).toString(36)}`;
    this.lastJobId = id;
    const question = QUESTIONS[this.seq % QUESTIONS.length];
    const tokens = question.answer.split(' ');
    const events: unknown[] = [
      chatEventSchema.parse({ stage: 'queued', status: 'pending', progress: 0, job_id: id }),
      chatEventSchema.parse({ stage: 'thinking', status: 'running', progress: 5, job_id: id }),
      chatEventSchema.parse({ stage: 'retrieving', status: 'running', progress: 10, job_id: id }),
    ];
    tokens.forEach((token, i) => {
      events.push(chatEventSchema.parse({ stage: 'generating', status: 'running', progress: Math.round(10 + (85 * (i + 1)) / tokens.length), job_id: id, token }));
    });
    events.push(
      chatDoneEventSchema.parse({
        stage: 'done',
        status: 'success',
        progress: 100,
        job_id: id,
        result: {
          answer: question.answer,
          persistence: {
            chat_id: randomUUID(),
            user_message: { role: 'user', content: question.content, intent: question.intent },
            assistant_message: { role: 'assistant', content: question.answer, metadata: { nodes_executed: [`${question.intent}_rag`] } },
          },
        },
      }),
    );
    const step = JOB_DURATION_MS / events.length;
    return { id, stream: this.streams[shardForJob(id, this.streams.length)], events: events.map((event, i) => ({ atMs: now + i * step, event })) };
  }
}
