import { crc32c, Writer } from '@app/kafka-protocol';

/** Frame = uint32 payload length, uint32 CRC-32C of the payload, payload. */
export const FRAME_HEADER_SIZE = 8;

/** A frame whose payload is `text` in UTF-8, encoded straight into the frame (no intermediate payload buffer). */
export function encodeTextFrame(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_SIZE + length);
  frame.write(text, FRAME_HEADER_SIZE, 'utf8');
  frame.writeUInt32BE(length, 0);
  frame.writeUInt32BE(crc32c(frame, FRAME_HEADER_SIZE), 4);
  return frame;
}

/**
 * A frame whose payload is written in parts, straight after room for the header: `payload` takes the parts, `finish`
 * fills the header in and gives the frame (one copy at most, when the payload outgrew the first buffer).
 */
export class FrameBuilder {
  readonly payload: Writer;

  constructor(initialSize = 16 * 1024) {
    this.payload = new Writer(initialSize).uint32(0).uint32(0);
  }

  /** Payload bytes written so far. */
  get payloadLength(): number {
    return this.payload.length - FRAME_HEADER_SIZE;
  }

  finish(): Buffer {
    const frame = this.payload.toBuffer();
    frame.writeUInt32BE(frame.length - FRAME_HEADER_SIZE, 0);
    frame.writeUInt32BE(crc32c(frame, FRAME_HEADER_SIZE), 4);
    return frame;
  }
}

export interface DecodedFrames {
  payloads: Buffer[];
  /** Bytes of whole, intact frames from the start; anything after is a torn or corrupt tail. */
  validLength: number;
}

/**
 * Reads frames until the end or the first frame that is cut short or fails its checksum. A crash during a write
 * leaves exactly such a tail, and nothing after it was acknowledged, so recovery keeps the valid prefix.
 */
export function decodeFrames(data: Buffer): DecodedFrames {
  const payloads: Buffer[] = [];
  let pos = 0;
  while (pos + FRAME_HEADER_SIZE <= data.length) {
    const length = data.readUInt32BE(pos);
    const end = pos + FRAME_HEADER_SIZE + length;
    if (end > data.length) break;
    const payload = data.subarray(pos + FRAME_HEADER_SIZE, end);
    if (crc32c(payload) !== data.readUInt32BE(pos + 4)) break;
    payloads.push(payload);
    pos = end;
  }
  return { payloads, validLength: pos };
}
