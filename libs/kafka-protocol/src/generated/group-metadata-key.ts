// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/records/GroupMetadataKey.json.

import { Reader } from '../io/reader';
import { Writer } from '../io/writer';

/** GroupMetadataKey, versions 2-2. */
export interface GroupMetadataKey {
  group: string;
}

export function readGroupMetadataKey(r: Reader, version: number): GroupMetadataKey {
  const o: GroupMetadataKey = {
    group: r.string(),
  };
  return o;
}

export function writeGroupMetadataKey(w: Writer, o: GroupMetadataKey, version: number): void {
  w.string(o.group);
}

export const GroupMetadataKeyVersions = { min: 2, max: 2 } as const;
