// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/records/ConsumerProtocolAssignment.json.

import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** ConsumerProtocolAssignment, versions 0-3. */
export interface ConsumerProtocolAssignment {
  assignedPartitions: ConsumerProtocolAssignmentTopicPartition[];
  userData: Buffer | null;
}

export function readConsumerProtocolAssignment(r: Reader, version: number): ConsumerProtocolAssignment {
  const o: ConsumerProtocolAssignment = {
    assignedPartitions: readArray(r, false, (r) => readConsumerProtocolAssignmentTopicPartition(r, version)),
    userData: r.nullableBytes(),
  };
  return o;
}

export function writeConsumerProtocolAssignment(w: Writer, o: ConsumerProtocolAssignment, version: number): void {
  writeArray(w, false, o.assignedPartitions, (w, e) => writeConsumerProtocolAssignmentTopicPartition(w, e, version));
  w.nullableBytes(o.userData);
}

export interface ConsumerProtocolAssignmentTopicPartition {
  topic: string;
  partitions: number[];
}

export function readConsumerProtocolAssignmentTopicPartition(r: Reader, version: number): ConsumerProtocolAssignmentTopicPartition {
  const o: ConsumerProtocolAssignmentTopicPartition = {
    topic: r.string(),
    partitions: readArray(r, false, (r) => r.int32()),
  };
  return o;
}

export function writeConsumerProtocolAssignmentTopicPartition(w: Writer, o: ConsumerProtocolAssignmentTopicPartition, version: number): void {
  w.string(o.topic);
  writeArray(w, false, o.partitions, (w, e) => w.int32(e));
}

export const ConsumerProtocolAssignmentVersions = { min: 0, max: 3 } as const;
