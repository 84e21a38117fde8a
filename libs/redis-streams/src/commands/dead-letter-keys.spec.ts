import calculateSlot from 'cluster-key-slot';
import { deadLetterKeys, hashTagOf, markerPrefix } from './dead-letter-keys';

describe('deadLetterKeys', () => {
  it.each(['chat:events:dlq', 'x:{dlq}:y', '{chat}:dlq', 'a{b'])('puts the marker in the dead-letter stream\'s slot (%s)', (dlq) => {
    const [stream, marker] = deadLetterKeys(dlq, 'chat:events:3', 'chat-persistence', '1700000000000-0');
    expect(stream).toBe(dlq);
    expect(calculateSlot(marker)).toBe(calculateSlot(dlq));
  });

  it.each(['odd{}name', 'a}b{', 'a}b', 'x{}y{dlq}'])('refuses a name with "}" but no hash tag, whose slot no other key can share (%s)', (dlq) => {
    expect(() => markerPrefix(dlq)).toThrow(`dead-letter stream "${dlq}": a name containing "}" needs a {hash tag}`);
  });

  it('names one marker per group and entry', () => {
    const [, persistence] = deadLetterKeys('chat:events:dlq', 'chat:events:3', 'chat-persistence', '1-0');
    const [, router] = deadLetterKeys('chat:events:dlq', 'chat:events:3', 'eventrouter', '1-0');
    const [, other] = deadLetterKeys('chat:events:dlq', 'chat:events:3', 'eventrouter', '1-1');
    expect(new Set([persistence, router, other]).size).toBe(3);
  });

  it('takes the hash tag as Redis does', () => {
    expect(hashTagOf('chat:events:dlq')).toBe('chat:events:dlq');
    expect(hashTagOf('a:{t}:{u}')).toBe('t');
    expect(hashTagOf('a{}b{c}')).toBe('a{}b{c}');
  });
});
