import { Reader, Writer } from '@app/kafka-protocol';
import type { TopicPartitions } from '../types';

/**
 * The user data the eager `sticky` assignor of the Java client and kafka-python puts in its subscription
 * (StickyAssignorUserData v1): the member's previous assignment and its generation, with no version prefix.
 * Clients that predate owned partitions in the subscription learn stickiness from it.
 */
export interface StickyUserData {
  previousAssignment: TopicPartitions[];
  /** -1 when the writer used version 0, which has no generation. */
  generation: number;
}

export function encodeStickyUserData(data: StickyUserData): Buffer {
  const w = new Writer(64).int32(data.previousAssignment.length);
  for (const { topic, partitions } of data.previousAssignment) {
    w.string(topic).int32(partitions.length);
    for (const p of partitions) w.int32(p);
  }
  return w.int32(data.generation).toBuffer();
}

export function decodeStickyUserData(buf: Buffer): StickyUserData {
  const r = new Reader(buf);
  const count = r.int32();
  const previousAssignment: TopicPartitions[] = [];
  for (let i = 0; i < count; i++) {
    const topic = r.string();
    const n = r.int32();
    const partitions: number[] = [];
    for (let j = 0; j < n; j++) partitions.push(r.int32());
    previousAssignment.push({ topic, partitions });
  }
  return { previousAssignment, generation: r.remaining >= 4 ? r.int32() : -1 };
}
