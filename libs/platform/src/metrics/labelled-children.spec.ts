import { Counter, Registry } from 'prom-client';
import { labelledChildren } from './labelled-children';

describe('labelledChildren', () => {
  it('resolves each key once and counts into the labelled series', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'requests_total', help: 'h', labelNames: ['api'], registers: [registry] });
    const resolved: number[] = [];
    const byApi = labelledChildren((key) => {
      resolved.push(key);
      return counter.labels({ api: `api-${key}` });
    });

    byApi(1).inc();
    byApi(1).inc();
    byApi(2).inc(5);

    expect(resolved).toEqual([1, 2]);
    const values = (await counter.get()).values.map((v) => [v.labels.api, v.value]);
    expect(values).toEqual([
      ['api-1', 2],
      ['api-2', 5],
    ]);
  });
});
