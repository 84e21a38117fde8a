import { ProtocolEncodeError } from '../errors';

/** Guards a value whose field is nullable in some versions but not in the one being written. */
export function nonNull<T>(v: T | null, field: string): T {
  if (v === null) throw new ProtocolEncodeError(`${field} cannot be null in this version`);
  return v;
}
