import fc from 'fast-check';
import { formatConfigFieldErrors, parseConsumerConfig, redactConsumerConfig } from './consumer-config';

const minimal = {
  consumer_id: 'orders-indexer',
  kafka_topic: 'orders',
  pipeline_name: 'reindex-orders',
  connection_id: 'pg-main',
  max_event: 1000,
  max_time: 60,
};

function refusedFields(input: unknown): string[] {
  const result = parseConsumerConfig(input);
  return result.ok ? [] : result.fields.map((f) => f.field);
}

describe('consumer configuration', () => {
  it('applies the defaults to a configuration with only the required fields', () => {
    const result = parseConsumerConfig(minimal);
    expect(result).toEqual({
      ok: true,
      config: {
        ...minimal,
        job_type: 'async',
        auto_offset_reset: 'latest',
        batch_size: 500,
        poll_timeout: 1,
        retry_policy: { attempts: 3, backoff: { type: 'exponential', delay_ms: 200 } },
        error_handling: {},
        monitoring: {},
      },
    });
  });

  it('keeps every optional and advanced field it is given', () => {
    const full = {
      ...minimal,
      job_type: 'batch',
      auto_offset_reset: 'earliest',
      batch_size: 50,
      poll_timeout: 0.5,
      group_suffix: 'full-reindex',
      retry_policy: { attempts: 5, backoff: { type: 'fixed', delay_ms: 1000 } },
      error_handling: { dead_letter_topic: 'orders.dlq' },
      monitoring: { alert_after_idle_windows: 3 },
      security: { mechanism: 'scram-sha-512', username: 'svc', password: 'secret', ssl: true },
    };
    expect(parseConsumerConfig(full)).toEqual({ ok: true, config: full });
  });

  it('fills nested defaults inside a partly given advanced section', () => {
    const result = parseConsumerConfig({ ...minimal, retry_policy: { backoff: { delay_ms: 50 } } });
    expect(result.ok && result.config.retry_policy).toEqual({ attempts: 3, backoff: { type: 'exponential', delay_ms: 50 } });
  });

  it.each([
    ['no consumer_id', { ...minimal, consumer_id: undefined }, ['consumer_id']],
    ['every required field missing', {}, ['consumer_id', 'kafka_topic', 'pipeline_name', 'connection_id', 'max_event', 'max_time']],
    ['max_event zero', { ...minimal, max_event: 0 }, ['max_event']],
    ['max_event negative', { ...minimal, max_event: -5 }, ['max_event']],
    ['max_event fractional', { ...minimal, max_event: 2.5 }, ['max_event']],
    ['max_event as a string', { ...minimal, max_event: '100' }, ['max_event']],
    ['max_event huge', { ...minimal, max_event: 1e300 }, ['max_event']],
    ['max_time zero', { ...minimal, max_time: 0 }, ['max_time']],
    ['max_time above 31 days', { ...minimal, max_time: 31 * 24 * 3600 + 1 }, ['max_time']],
    ['max_time null', { ...minimal, max_time: null }, ['max_time']],
    ['unknown job_type', { ...minimal, job_type: 'stream' }, ['job_type']],
    ['unknown auto_offset_reset', { ...minimal, auto_offset_reset: 'smallest' }, ['auto_offset_reset']],
    ['batch_size zero', { ...minimal, batch_size: 0 }, ['batch_size']],
    ['poll_timeout negative', { ...minimal, poll_timeout: -1 }, ['poll_timeout']],
    ['consumer_id with a space', { ...minimal, consumer_id: 'orders indexer' }, ['consumer_id']],
    ['consumer_id with a hash-tag brace', { ...minimal, consumer_id: 'a{b}' }, ['consumer_id']],
    ['consumer_id with a slash', { ...minimal, consumer_id: '../etc' }, ['consumer_id']],
    ['consumer_id too long', { ...minimal, consumer_id: 'a'.repeat(129) }, ['consumer_id']],
    ['kafka_topic "."', { ...minimal, kafka_topic: '.' }, ['kafka_topic']],
    ['kafka_topic with a colon', { ...minimal, kafka_topic: 'a:b' }, ['kafka_topic']],
    ['empty pipeline_name', { ...minimal, pipeline_name: '' }, ['pipeline_name']],
    ['connection_id a number', { ...minimal, connection_id: 7 }, ['connection_id']],
    ['group_suffix with a space', { ...minimal, group_suffix: 'full reindex' }, ['group_suffix']],
    ['unknown top-level field (typo)', { ...minimal, max_events: 10 }, ['max_events']],
    ['unknown nested field', { ...minimal, retry_policy: { attempts: 1, backof: 3 } }, ['retry_policy.backof']],
    ['retry attempts negative', { ...minimal, retry_policy: { attempts: -1 } }, ['retry_policy.attempts']],
    ['unknown backoff type', { ...minimal, retry_policy: { backoff: { type: 'linear' } } }, ['retry_policy.backoff.type']],
    ['retry_policy a string', { ...minimal, retry_policy: 'always' }, ['retry_policy']],
    ['bad dead-letter topic', { ...minimal, error_handling: { dead_letter_topic: 'a b' } }, ['error_handling.dead_letter_topic']],
    ['idle windows zero', { ...minimal, monitoring: { alert_after_idle_windows: 0 } }, ['monitoring.alert_after_idle_windows']],
    ['unknown SASL mechanism', { ...minimal, security: { mechanism: 'gssapi', username: 'u', password: 'p' } }, ['security.mechanism']],
    ['SASL without password', { ...minimal, security: { mechanism: 'plain', username: 'u' } }, ['security.password']],
    ['a JSON array', [minimal], ['(body)']],
    ['a number', 42, ['(body)']],
    ['null', null, ['(body)']],
  ])('refuses %s, naming the field', (_label, input, fields) => {
    expect(refusedFields(input)).toEqual(fields);
  });

  it('says what was expected and what was received', () => {
    const result = parseConsumerConfig({ ...minimal, max_event: 0, job_type: 'stream', max_events: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields).toEqual([
      { field: 'max_event', expected: 'an integer from 1 to 1000000000', received: 0 },
      { field: 'job_type', expected: 'one of sync, async, batch', received: 'stream' },
      { field: 'max_events', expected: expect.stringContaining('no such field; known fields here: consumer_id, kafka_topic') },
    ]);
    expect(formatConfigFieldErrors(result.fields)).toContain('max_event: expected an integer from 1 to 1000000000, received 0');
  });

  it('never echoes a refused password', () => {
    const result = parseConsumerConfig({ ...minimal, security: { mechanism: 'plain', username: 'u', password: 'x'.repeat(2000) } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('xxxx');
  });

  it('redacts the SASL password for display', () => {
    const result = parseConsumerConfig({ ...minimal, security: { mechanism: 'plain', username: 'u', password: 'hunter2' } });
    if (!result.ok) throw new Error('expected a valid configuration');
    expect(JSON.stringify(redactConsumerConfig(result.config))).not.toContain('hunter2');
    expect(result.config.security?.password).toBe('hunter2');
  });

  it('accepts every max_event and max_time inside the bounds and refuses every integer below 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 1, max: 2_678_400 }), (maxEvent, maxTime) => {
        const result = parseConsumerConfig({ ...minimal, max_event: maxEvent, max_time: maxTime });
        return result.ok && result.config.max_event === maxEvent && result.config.max_time === maxTime;
      }),
    );
    fc.assert(fc.property(fc.integer({ max: 0 }), (n) => refusedFields({ ...minimal, max_event: n, max_time: n }).join() === 'max_event,max_time'));
  });

  it('names exactly the one field that was corrupted, whatever value it got', () => {
    const required = Object.keys(minimal) as (keyof typeof minimal)[];
    fc.assert(
      fc.property(fc.constantFrom(...required), fc.oneof(fc.constant(null), fc.boolean(), fc.array(fc.integer()), fc.object()), (field, value) => {
        return refusedFields({ ...minimal, [field]: value }).join() === field;
      }),
    );
  });
});
