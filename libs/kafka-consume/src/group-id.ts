/**
 * The consumer group of a job reading `topic`: `{base}-{topic}`, or `{base}-{topic}-{suffix}` when the
 * job names a suffix, so a full re-index and an incremental job read one topic with separate offsets
 * (the users' consumer-group guide). pipeline-trigger and ConsumeService both name groups with this.
 */
export function consumerGroupId(baseGroupId: string, topic: string, groupSuffix?: string): string {
  if (baseGroupId === '' || topic === '') throw new Error('a consumer group id needs a base group id and a topic');
  return groupSuffix === undefined || groupSuffix === '' ? `${baseGroupId}-${topic}` : `${baseGroupId}-${topic}-${groupSuffix}`;
}
