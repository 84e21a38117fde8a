/** Inclusive version range; `hi` is Infinity for "N+" and the range is empty when lo > hi. */
export interface VersionRange {
  lo: number;
  hi: number;
}

export const EMPTY: VersionRange = { lo: 1, hi: 0 };

/** Parses Kafka's range syntax: "3", "0-4", "2+", "none". */
export function parseVersions(spec: string | undefined): VersionRange {
  if (spec === undefined || spec === 'none' || spec === '') return EMPTY;
  const plus = /^(\d+)\+$/.exec(spec);
  if (plus) return { lo: Number(plus[1]), hi: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(spec);
  if (range) return { lo: Number(range[1]), hi: Number(range[2]) };
  if (/^\d+$/.test(spec)) return { lo: Number(spec), hi: Number(spec) };
  throw new Error(`cannot parse version range "${spec}"`);
}

export function isEmpty(r: VersionRange): boolean {
  return r.lo > r.hi;
}

export function intersect(a: VersionRange, b: VersionRange): VersionRange {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return lo > hi ? EMPTY : { lo, hi };
}

export function contains(r: VersionRange, v: number): boolean {
  return v >= r.lo && v <= r.hi;
}
