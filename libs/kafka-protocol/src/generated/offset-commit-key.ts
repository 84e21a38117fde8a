// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/records/OffsetCommitKey.json.

import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** OffsetCommitKey, versions 0-1. */
export interface OffsetCommitKey {
  group: string;
  topic: string;
  partition: number;
}

export function readOffsetCommitKey(r: Reader, version: number): OffsetCommitKey {
  const o: OffsetCommitKey = {
    group: r.string(),
    topic: r.string(),
    partition: r.int32(),
  };
  return o;
}

export function writeOffsetCommitKey(w: Writer, o: OffsetCommitKey, version: number): void {
  w.string(o.group);
  w.string(o.topic);
  w.int32(o.partition);
}

export const OffsetCommitKeyVersions = { min: 0, max: 1 } as const;
