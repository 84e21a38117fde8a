import { Histogram, Registry } from 'prom-client';
import { DeferredHistogram } from './deferred-histogram';

describe('DeferredHistogram', () => {
  it('exposes exactly what a prom-client Histogram given the same observations exposes', async () => {
    const config = { name: 'latency_seconds', help: 'h', labelNames: ['api'] as const, buckets: [0.01, 0.1, 1] };
    const reference = new Registry();
    const deferred = new Registry();
    const plain = new Histogram({ ...config, labelNames: [...config.labelNames], registers: [reference] });
    const fast = new DeferredHistogram({ ...config, labelNames: [...config.labelNames], registers: [deferred] }, (key) => ({ api: `api-${key}` }));
    const observations: [number, number][] = [[0, 0.005], [0, 0.01], [0, 0.5], [3, 2], [3, 0.05], [0, 7]];
    for (const [key, value] of observations) {
      plain.observe({ api: `api-${key}` }, value);
      fast.observeKey(key, value);
    }
    expect(await deferred.metrics()).toBe(await reference.metrics());
    // prom-client writes `exemplar: null` when exemplars are off; there are none either way.
    const withoutExemplars = ({ values, ...rest }: Awaited<ReturnType<typeof plain.get>>) => ({ ...rest, values: values.map(({ labels, value, metricName }) => ({ labels, value, metricName })) });
    expect(withoutExemplars(await fast.get())).toEqual(withoutExemplars(await plain.get()));
  });

  it('starts again from nothing after reset', async () => {
    const registry = new Registry();
    const fast = new DeferredHistogram({ name: 'h_seconds', help: 'h', labelNames: ['api'], buckets: [1], registers: [registry] }, () => ({ api: 'a' }));
    fast.observeKey(1, 0.5);
    fast.reset();
    expect(await registry.metrics()).not.toContain('h_seconds_count');
  });
});
