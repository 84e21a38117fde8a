import { ProtocolDecodeError } from './errors';
import {
  decodeConsumerProtocolAssignment,
  decodeConsumerProtocolSubscription,
  encodeConsumerProtocolAssignment,
  encodeConsumerProtocolSubscription,
} from './consumer-protocol';

describe('consumer protocol payloads', () => {
  it('round-trips a v1 subscription with owned partitions (librdkafka cooperative-sticky)', () => {
    const sub = { topics: ['a', 'b'], userData: null, ownedPartitions: [{ topic: 'a', partitions: [0, 2] }] };
    const bytes = encodeConsumerProtocolSubscription(sub, 1);
    expect(bytes.readInt16BE(0)).toBe(1);
    expect(decodeConsumerProtocolSubscription(bytes)).toMatchObject({ ...sub, version: 1, generationId: -1, rackId: null });
  });

  it('reads a newer version than it knows as the newest, ignoring what that version appended', () => {
    const v3 = encodeConsumerProtocolSubscription({ topics: ['t'], userData: Buffer.from('u'), ownedPartitions: [], generationId: 7, rackId: 'r1' }, 3);
    const future = Buffer.concat([v3, Buffer.from([1, 2, 3, 4])]);
    future.writeInt16BE(9, 0);
    expect(decodeConsumerProtocolSubscription(future)).toMatchObject({ version: 9, topics: ['t'], generationId: 7, rackId: 'r1' });
  });

  it('decodes the v0 assignment kafkajs and kafka-python send', () => {
    const bytes = encodeConsumerProtocolAssignment({ assignedPartitions: [{ topic: 'x', partitions: [1] }], userData: null }, 0);
    expect(decodeConsumerProtocolAssignment(bytes)).toEqual({ version: 0, assignedPartitions: [{ topic: 'x', partitions: [1] }], userData: null });
  });

  it('rejects a negative version and truncated bytes with the typed error', () => {
    expect(() => decodeConsumerProtocolAssignment(Buffer.from([0xff, 0xff]))).toThrow(ProtocolDecodeError);
    expect(() => decodeConsumerProtocolSubscription(Buffer.from([0, 0, 0, 0, 0, 5]))).toThrow(ProtocolDecodeError);
  });
});
