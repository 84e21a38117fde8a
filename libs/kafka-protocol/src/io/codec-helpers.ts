import { ProtocolDecodeError } from '../errors';
import { Reader } from './reader';
import { Writer } from './writer';

/** Shared empty value for absent non-nullable bytes fields; zero-length, so nothing can mutate it. */
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

/** The all-zero UUID Kafka uses as "no id"; callers must not write into it. */
export const ZERO_UUID: Buffer = Buffer.alloc(16);

export function readArray<T>(r: Reader, compact: boolean, readElem: (r: Reader) => T): T[] {
  const n = compact ? r.compactArrayLength() : r.arrayLength();
  if (n < 0) throw new ProtocolDecodeError('non-nullable array is null');
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = readElem(r);
  return out;
}

export function readNullableArray<T>(r: Reader, compact: boolean, readElem: (r: Reader) => T): T[] | null {
  const n = compact ? r.compactArrayLength() : r.arrayLength();
  if (n < 0) return null;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = readElem(r);
  return out;
}

export function writeArray<T>(
  w: Writer,
  compact: boolean,
  items: readonly T[],
  writeElem: (w: Writer, item: T) => void,
): void {
  if (compact) w.compactArrayLength(items.length);
  else w.arrayLength(items.length);
  for (const item of items) writeElem(w, item);
}

export function writeNullableArray<T>(
  w: Writer,
  compact: boolean,
  items: readonly T[] | null,
  writeElem: (w: Writer, item: T) => void,
): void {
  if (items === null) {
    if (compact) w.uvarint(0);
    else w.arrayLength(-1);
    return;
  }
  writeArray(w, compact, items, writeElem);
}

/**
 * Reads a KIP-482 tagged-field section. Known tags are handed to `onTag` with a reader bounded to
 * the field's size; unknown tags are skipped, as the protocol requires.
 */
export function readTaggedFields(r: Reader, onTag?: (tag: number, field: Reader) => void): void {
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const size = r.uvarint();
    const field = r.sub(size);
    if (onTag) onTag(tag, field);
  }
}

/** Writes a tagged-field section; `fields` must be in ascending tag order. */
export function writeTaggedFields(w: Writer, fields: ReadonlyArray<readonly [number, Writer]>): void {
  w.uvarint(fields.length);
  for (const [tag, value] of fields) {
    const bytes = value.toBuffer();
    w.uvarint(tag).uvarint(bytes.length).raw(bytes);
  }
}
