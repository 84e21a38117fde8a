import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ChatBatcher, FlushReport } from './chat-batcher';
import type { ChatRowWriter } from './chat-message.writer';
import type { ChatRow } from './chat-row';

function row(n: number): ChatRow {
  return {
    entryId: `${n}-0`,
    eventKey: `s/${n}-0`,
    chatId: `chat-${n % 3}`,
    title: `t${n}`,
    jobId: `job-${n}`,
    at: new Date(n),
    user: { role: 'user', content: `q${n}`, intent: null },
    assistant: { role: 'assistant', content: `a${n}`, metadata: null },
  };
}
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

/** A writer whose writes finish when the test says so, recording what each one got. */
class ControlledWriter implements ChatRowWriter {
  readonly writes: { rows: ChatRow[]; finish: (error?: unknown) => void }[] = [];
  autoFinish = false;
  failWith?: (rows: readonly ChatRow[]) => unknown;

  write(batch: readonly ChatRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (error?: unknown) => (error ? reject(error) : resolve());
      this.writes.push({ rows: [...batch], finish });
      if (this.autoFinish) finish(this.failWith?.(batch));
    });
  }
}

const tick = () => new Promise<void>((resolve) => jest.requireActual<typeof import('timers')>('timers').setImmediate(resolve));

describe('ChatBatcher', () => {
  let writer: ControlledWriter;
  let reports: FlushReport[];
  const make = (batchSize = 3, flushIntervalMs = 5_000, maxConcurrentFlushes = 1) =>
    new ChatBatcher(writer, { batchSize, flushIntervalMs, maxConcurrentFlushes }, (report) => reports.push(report));

  beforeEach(() => {
    jest.useFakeTimers();
    writer = new ControlledWriter();
    reports = [];
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes a full batch at once and resolves its callers only after the write', async () => {
    const batcher = make();
    let done = false;
    const added = batcher.add(rows(0, 3)).then((rejected) => {
      done = true;
      return rejected;
    });
    expect(writer.writes.map((w) => w.rows.length)).toEqual([3]);
    await tick();
    expect(done).toBe(false);
    writer.writes[0].finish();
    await expect(added).resolves.toEqual([]);
    expect(reports).toEqual([expect.objectContaining({ reason: 'size', rows: 3, rejected: 0 })]);
  });

  it('writes a partial batch when its first event has waited the flush interval', async () => {
    const batcher = make();
    void batcher.add(rows(0, 1));
    jest.advanceTimersByTime(4_000);
    void batcher.add(rows(1, 1));
    jest.advanceTimersByTime(999);
    expect(writer.writes).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(writer.writes.map((w) => w.rows.map((r) => r.entryId))).toEqual([['0-0', '1-0']]);
  });

  it('cuts batches at exactly the batch size and settles a caller split over two batches after both', async () => {
    writer.autoFinish = true;
    const batcher = make(3, 5_000, 2);
    const first = batcher.add(rows(0, 2));
    const second = batcher.add(rows(2, 2));
    expect(writer.writes.map((w) => w.rows.length)).toEqual([3]);
    await expect(first).resolves.toEqual([]);
    jest.advanceTimersByTime(5_000);
    await expect(second).resolves.toEqual([]);
    expect(writer.writes.map((w) => w.rows.length)).toEqual([3, 1]);
  });

  it('keeps at most the configured number of flushes in flight', async () => {
    const batcher = make(2, 5_000, 1);
    void batcher.add(rows(0, 2));
    void batcher.add(rows(2, 2));
    expect(writer.writes).toHaveLength(1);
    writer.writes[0].finish();
    await tick();
    expect(writer.writes).toHaveLength(2);
  });

  it('rejects every caller of a failed flush, reports the failure until a flush succeeds', async () => {
    const batcher = make(2);
    const failed = batcher.add(rows(0, 2));
    writer.writes[0].finish(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(failed).rejects.toThrow('ECONNREFUSED');
    expect(batcher.lastFailure?.error.message).toMatch(/ECONNREFUSED/);
    const retried = batcher.add(rows(0, 2));
    writer.writes[1].finish();
    await expect(retried).resolves.toEqual([]);
    expect(batcher.lastFailure).toBeUndefined();
  });

  it('drops the still-buffered rows of a caller whose other rows failed, since the caller retries them all', async () => {
    const batcher = make(2);
    const call = batcher.add(rows(0, 3));
    writer.writes[0].finish(new Error('Connection terminated unexpectedly'));
    await expect(call).rejects.toThrow();
    expect(batcher.buffered).toBe(0);
  });

  it('finds the rows Postgres refuses by writing the batch row by row, and commits the rest', async () => {
    writer.autoFinish = true;
    const valueTooLong = Object.assign(new Error('value too long for type character varying(200)'), { code: '22001', severity: 'ERROR' });
    writer.failWith = (batch) => (batch.some((r) => r.entryId === '1-0') ? valueTooLong : undefined);
    const batcher = make(3);
    await expect(batcher.add(rows(0, 3))).resolves.toEqual([{ id: '1-0', reason: 'postgres: value too long for type character varying(200)' }]);
    expect(writer.writes.map((w) => w.rows.map((r) => r.entryId))).toEqual([['0-0', '1-0', '2-0'], ['0-0'], ['1-0'], ['2-0']]);
    expect(reports).toEqual([expect.objectContaining({ rows: 3, rejected: 1 })]);
  });

  it('on drain writes what is buffered at once and every later add immediately', async () => {
    writer.autoFinish = true;
    const batcher = make(100);
    const before = batcher.add(rows(0, 1));
    const drained = batcher.drain();
    await expect(before).resolves.toEqual([]);
    await drained;
    await expect(batcher.add(rows(1, 1))).resolves.toEqual([]);
    expect(reports.map((r) => r.reason)).toEqual(['drain', 'drain']);
  });

  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();
    const handlerSpan = (n: number) => trace.setSpanContext(ROOT_CONTEXT, { traceId: `${n}`.padStart(32, 'a'), spanId: `${n}`.padStart(16, 'b'), traceFlags: TraceFlags.SAMPLED });
    beforeAll(() => trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })));
    afterAll(() => trace.disable());

    it('traces a batch write holding two calls under the first call`s span, linked to the second`s', async () => {
      writer.autoFinish = true;
      const batcher = make(4);
      void batcher.add(rows(0, 2), handlerSpan(1));
      await batcher.add(rows(2, 2), handlerSpan(2));
      const [span] = exporter.getFinishedSpans();
      expect(span).toMatchObject({ name: 'INSERT chat.messages', kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.batch.size': 4 } });
      expect(span.parentSpanContext?.spanId).toBe(trace.getSpanContext(handlerSpan(1))?.spanId);
      expect(span.links.map((link) => link.context.spanId)).toEqual([trace.getSpanContext(handlerSpan(2))?.spanId]);
    });
  });
});
