/**
 * The part of a key Redis Cluster hashes: the text between the first `{` and the next `}` when
 * that is not empty, else the whole key. `{tag}:...` built from it lands in the same slot as the key.
 */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return key.slice(open + 1, close);
  }
  return key;
}

/**
 * Keys of one dead-lettering: the dead-letter stream, and the marker that makes appending the
 * record idempotent, named with the dead-letter stream's hash tag so both are in one Cluster slot.
 *
 * Dead-lettering cannot be one script on a cluster: the entry's stream and the dead-letter
 * stream are in different slots. So it is two steps, in this order:
 *   1. append the record to the dead-letter stream unless this entry's marker exists (one script,
 *      one slot: deadLetterAppend-2.lua), recording the record's id in the marker;
 *   2. XACK the entry in its own stream.
 * The acknowledgement comes only after the record is stored, so no entry is ever acknowledged and
 * missing from the dead-letter stream. A crash between the steps leaves the entry pending; it is
 * delivered again (or reclaimed), exceeds its deliveries or fails again, and step 1 then finds
 * the marker and returns the same record instead of appending a second one: no duplicate while
 * the marker lives. It outlives any redelivery (days, against a reclaim time of minutes); past it,
 * the worst is a second record with the same `original_id`, which readers can drop by that id.
 * The marker names the group: both groups may dead-letter the same entry, each its own record.
 */
export function deadLetterKeys(deadLetterStream: string, stream: string, group: string, id: string): [string, string] {
  return [deadLetterStream, `${markerPrefix(deadLetterStream)}${group}:${stream}:${id}`];
}

/**
 * `{tag}:dead-lettered:`, whose slot is the dead-letter stream's. A name without a hash tag that
 * contains `}` has no such prefix (the braces around it would close early), so it is refused.
 */
export function markerPrefix(deadLetterStream: string): string {
  const tag = hashTagOf(deadLetterStream);
  if (tag.includes('}')) {
    throw new Error(`dead-letter stream "${deadLetterStream}": a name containing "}" needs a {hash tag}, so that its dead-letter markers can share its Cluster slot`);
  }
  return `{${tag}}:dead-lettered:`;
}

/** How long a marker is kept: far longer than an entry can stay pending between the two steps. */
export const DEAD_LETTER_MARKER_TTL_SECONDS = 7 * 24 * 3600;
