import type { Reader } from './io/reader';
import type { Writer } from './io/writer';

/** Encoder/decoder pair for one API over the generated version range. */
export interface ApiCodec<Req, Res> {
  apiKey: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  /** First flexible (KIP-482) version of the API per the spec, or null if it has none. */
  flexibleMinVersion: number | null;
  readRequest(r: Reader, version: number): Req;
  writeRequest(w: Writer, msg: Req, version: number): void;
  readResponse(r: Reader, version: number): Res;
  writeResponse(w: Writer, msg: Res, version: number): void;
}

export function isFlexibleVersion(codec: Pick<ApiCodec<unknown, unknown>, 'flexibleMinVersion'>, version: number): boolean {
  return codec.flexibleMinVersion !== null && version >= codec.flexibleMinVersion;
}
