import { chatEventStream, chatEventStreams } from './stream-names';
import { shardForJob } from './shard-for-job';

describe('shardForJob', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    // FNV-1a("a") = 0xe40c292c, FNV-1a("foobar") = 0xbf9cf968
    expect(shardForJob('a', 0x100000000)).toBe(0xe40c292c);
    expect(shardForJob('foobar', 0x100000000)).toBe(0xbf9cf968);
  });

  it('spreads many job ids over every shard', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardForJob(`job-${i}`)]++;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('names shards with Redis Cluster hash tags', () => {
    expect(chatEventStream(2)).toBe('chat:events:2');
    expect(chatEventStreams()).toEqual(['chat:events:0', 'chat:events:1', 'chat:events:2', 'chat:events:3']);
  });
});
