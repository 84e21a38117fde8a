import type { Group } from './group';

/**
 * The topics a consumer group's members subscribe to, decoded from their metadata for the selected protocol (empty for
 * other protocol types), or for a KIP-848 group what its members' subscriptions resolved to. `decode` reads a consumer-protocol subscription.
 */
export function subscribedTopics(group: Group, decode: (metadata: Buffer) => string[]): Set<string> {
  // A KIP-848 group resolved its subscriptions itself (names and regex matches that exist).
  if (group.consumer) return new Set(group.consumer.subscribedTopics.keys());
  const topics = new Set<string>();
  if (group.protocolType !== 'consumer' || group.protocolName === null) return topics;
  for (const member of group.members.values()) {
    const protocol = member.protocols.find((p) => p.name === group.protocolName);
    if (!protocol) continue;
    try {
      for (const topic of decode(protocol.metadata)) topics.add(topic);
    } catch {
      // Metadata a client wrote in a format we cannot read protects nothing; it is skipped.
    }
  }
  return topics;
}
