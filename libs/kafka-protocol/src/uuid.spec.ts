import { randomUUID } from 'node:crypto';
import { isZeroUuid, uuidFromBytes, uuidToBytes } from './uuid';

describe('topic id UUIDs', () => {
  it('turn into 16 bytes and back', () => {
    const id = randomUUID();
    const bytes = uuidToBytes(id);
    expect(bytes).toHaveLength(16);
    expect(uuidFromBytes(bytes)).toBe(id);
  });

  it('refuse text that is not a UUID', () => {
    expect(() => uuidToBytes('not-a-uuid')).toThrow('not a UUID');
  });

  it('treat only the all-zero id (or none) as "no id"', () => {
    expect(isZeroUuid(Buffer.alloc(16))).toBe(true);
    expect(isZeroUuid(undefined)).toBe(true);
    expect(isZeroUuid(uuidToBytes(randomUUID()))).toBe(false);
  });
});
