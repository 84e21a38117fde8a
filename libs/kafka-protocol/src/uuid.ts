import { ZERO_UUID } from './io/codec-helpers';

/**
 * Kafka's `uuid` fields (topic ids, KIP-516) are 16 bytes on the wire; the broker keeps them as the usual
 * 8-4-4-4-12 hex text. The all-zero UUID means "no id" in every message that carries one.
 */
export function uuidToBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

export function uuidFromBytes(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function isZeroUuid(bytes: Buffer | undefined): boolean {
  return bytes === undefined || bytes.equals(ZERO_UUID);
}
