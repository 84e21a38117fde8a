import { trace } from '@opentelemetry/api';
import { z } from 'zod';
import { triageEntries } from './triage-entries';

const schema = z.object({ n: z.number() });
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('triageEntries', () => {
  it('delivers valid entries with their delivery count and trace context', () => {
    const result = triageEntries('s', [{ id: '1-0', fields: { data: '{"n":1}', traceparent: TRACEPARENT } }], new Map([['1-0', 2]]), 5, schema);
    expect(result.deadLetter).toEqual([]);
    expect(result.deliver).toHaveLength(1);
    const [entry] = result.deliver;
    expect(entry).toMatchObject({ stream: 's', id: '1-0', event: { n: 1 }, deliveryCount: 2 });
    expect(trace.getSpanContext(entry.traceContext)?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('counts an entry without an XPENDING row as a first delivery', () => {
    expect(triageEntries('s', [{ id: '1-0', fields: { data: '{"n":1}' } }], new Map(), 5, schema).deliver[0].deliveryCount).toBe(1);
  });

  it('dead-letters schema failures and non-JSON data with the reason', () => {
    const result = triageEntries(
      's',
      [
        { id: '1-0', fields: { data: '{"n":"one"}' } },
        { id: '2-0', fields: { data: 'not json' } },
        { id: '3-0', fields: { other: 'x' } },
      ],
      new Map(),
      5,
      schema,
    );
    expect(result.deliver).toEqual([]);
    expect(result.deadLetter.map((d) => [d.id, d.kind])).toEqual([
      ['1-0', 'schema'],
      ['2-0', 'schema'],
      ['3-0', 'schema'],
    ]);
    expect(result.deadLetter[0].reason).toMatch(/^schema: n:/);
    expect(result.deadLetter[1].reason).toMatch(/not JSON/);
    expect(result.deadLetter[2].reason).toBe('missing field "data"');
  });

  it('dead-letters an entry delivered more than the maximum, even a valid one', () => {
    const result = triageEntries('s', [{ id: '1-0', fields: { data: '{"n":1}' } }], new Map([['1-0', 6]]), 5, schema);
    expect(result.deliver).toEqual([]);
    expect(result.deadLetter).toEqual([
      { id: '1-0', fields: { data: '{"n":1}' }, deliveryCount: 6, kind: 'max_deliveries', reason: 'delivered 6 times (max 5) without success' },
    ]);
  });

  it('skips valid entries the subscription does not accept, but still dead-letters invalid ones', () => {
    const result = triageEntries(
      's',
      [
        { id: '1-0', fields: { data: '{"n":1}' } },
        { id: '2-0', fields: { data: '{"n":2}' } },
        { id: '3-0', fields: { data: '{}' } },
      ],
      new Map(),
      5,
      schema,
      (event) => event.n % 2 === 0,
    );
    expect(result.skipped).toEqual(['1-0']);
    expect(result.deliver.map((entry) => entry.id)).toEqual(['2-0']);
    expect(result.deadLetter.map((entry) => entry.id)).toEqual(['3-0']);
  });

  it('reports vanished entries separately', () => {
    expect(triageEntries('s', [{ id: '1-0', fields: null }], new Map(), 5, schema).vanished).toEqual(['1-0']);
  });
});
