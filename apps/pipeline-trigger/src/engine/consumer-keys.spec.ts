import fc from 'fast-check';
import { consumerKeys } from './consumer-keys';
// The slot function ioredis's Cluster client routes by (Redis Cluster's CRC16 of the hash tag or whole key).
import calculateSlot from 'cluster-key-slot';

const consumerId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);

describe('consumerKeys', () => {
  it('names the running count exactly as the users read it', () => {
    expect(consumerKeys('orders-sync').events).toBe('consumer:orders-sync:events');
  });

  it('puts every key of a consumer in the slot of its count key, for any valid id', () => {
    fc.assert(
      fc.property(consumerId, (id) => {
        const keys = Object.values(consumerKeys(id));
        expect(new Set(keys.map((key) => calculateSlot(key)))).toEqual(new Set([calculateSlot(`consumer:${id}:events`)]));
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
