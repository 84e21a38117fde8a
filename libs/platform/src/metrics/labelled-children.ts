/**
 * A metric's labelled children, resolved once per key. prom-client hashes the label object on
 * every `inc`/`observe` given labels; on hot paths (a broker's per-request counters) that hashing
 * is a measurable share of the CPU, while the child a key maps to never changes.
 */
export function labelledChildren<Child>(resolve: (key: number) => Child): (key: number) => Child {
  const children = new Map<number, Child>();
  return (key) => {
    let child = children.get(key);
    if (child === undefined) {
      child = resolve(key);
      children.set(key, child);
    }
    return child;
  };
}
