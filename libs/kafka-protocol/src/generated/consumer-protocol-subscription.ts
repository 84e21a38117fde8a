// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/records/ConsumerProtocolSubscription.json.

import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readArray, writeArray } from '../io/codec-helpers';

/** ConsumerProtocolSubscription, versions 0-3. */
export interface ConsumerProtocolSubscription {
  topics: string[];
  userData: Buffer | null;
  ownedPartitions?: ConsumerProtocolSubscriptionTopicPartition[];
  generationId?: number;
  rackId?: string | null;
}

export function readConsumerProtocolSubscription(r: Reader, version: number): ConsumerProtocolSubscription {
  const o: ConsumerProtocolSubscription = {
    topics: readArray(r, false, (r) => r.string()),
    userData: r.nullableBytes(),
    ownedPartitions: version <= 0 ? [] : readArray(r, false, (r) => readConsumerProtocolSubscriptionTopicPartition(r, version)),
    generationId: version <= 1 ? -1 : r.int32(),
    rackId: version <= 2 ? null : r.nullableString(),
  };
  return o;
}

export function writeConsumerProtocolSubscription(w: Writer, o: ConsumerProtocolSubscription, version: number): void {
  writeArray(w, false, o.topics, (w, e) => w.string(e));
  w.nullableBytes(o.userData);
  if (version >= 1) writeArray(w, false, (o.ownedPartitions ?? []), (w, e) => writeConsumerProtocolSubscriptionTopicPartition(w, e, version));
  if (version >= 2) w.int32((o.generationId ?? -1));
  if (version >= 3) w.nullableString((o.rackId === undefined ? null : o.rackId));
}

export interface ConsumerProtocolSubscriptionTopicPartition {
  topic: string;
  partitions: number[];
}

export function readConsumerProtocolSubscriptionTopicPartition(r: Reader, version: number): ConsumerProtocolSubscriptionTopicPartition {
  const o: ConsumerProtocolSubscriptionTopicPartition = {
    topic: r.string(),
    partitions: readArray(r, false, (r) => r.int32()),
  };
  return o;
}

export function writeConsumerProtocolSubscriptionTopicPartition(w: Writer, o: ConsumerProtocolSubscriptionTopicPartition, version: number): void {
  w.string(o.topic);
  writeArray(w, false, o.partitions, (w, e) => w.int32(e));
}

export const ConsumerProtocolSubscriptionVersions = { min: 0, max: 3 } as const;
