/** A Redis stream entry id, `<milliseconds>-<sequence>`, split so that ids compare as numbers, not as strings. */
export interface StreamId {
  ms: number;
  seq: number;
}

const STREAM_ID = /^(\d{1,16})-(\d{1,16})$/;

/** The id as numbers, or undefined for anything that is not a complete stream id (such as a client's forged cursor). */
export function parseStreamId(raw: string): StreamId | undefined {
  const match = STREAM_ID.exec(raw);
  if (!match) return undefined;
  const ms = Number(match[1]);
  const seq = Number(match[2]);
  return Number.isSafeInteger(ms) && Number.isSafeInteger(seq) ? { ms, seq } : undefined;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. Both must be valid ids. */
export function compareStreamIds(a: string, b: string): number {
  const x = parseStreamId(a);
  const y = parseStreamId(b);
  if (!x || !y) throw new Error(`not a stream id: ${x ? b : a}`);
  return x.ms !== y.ms ? x.ms - y.ms : x.seq - y.seq;
}

/** `(id` is XRANGE's exclusive start: the entries strictly after the cursor. */
export function exclusiveStart(id: string): string {
  return `(${id}`;
}
