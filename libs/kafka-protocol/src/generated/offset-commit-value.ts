// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/records/OffsetCommitValue.json.

import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { readTaggedFields } from '../io/codec-helpers';

/** OffsetCommitValue, versions 0-4, flexible from 4. */
export interface OffsetCommitValue {
  offset: bigint;
  leaderEpoch?: number;
  metadata: string;
  commitTimestamp: bigint;
  expireTimestamp?: bigint;
}

export function readOffsetCommitValue(r: Reader, version: number): OffsetCommitValue {
  const o: OffsetCommitValue = {
    offset: r.int64(),
    leaderEpoch: version <= 2 ? -1 : r.int32(),
    metadata: version <= 3 ? r.string() : r.compactString(),
    commitTimestamp: r.int64(),
    expireTimestamp: version <= 0 ? -1n : version <= 1 ? r.int64() : -1n,
  };
  if (version >= 4) readTaggedFields(r);
  return o;
}

export function writeOffsetCommitValue(w: Writer, o: OffsetCommitValue, version: number): void {
  w.int64(o.offset);
  if (version >= 3) w.int32((o.leaderEpoch ?? -1));
  if (version <= 3) w.string(o.metadata);
  if (version >= 4) w.compactString(o.metadata);
  w.int64(o.commitTimestamp);
  if (version >= 1 && version <= 1) w.int64((o.expireTimestamp ?? -1n));
  if (version >= 4) w.uvarint(0);
}

export const OffsetCommitValueVersions = { min: 0, max: 4 } as const;
