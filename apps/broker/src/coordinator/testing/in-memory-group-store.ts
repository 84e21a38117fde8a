import type { ConsumerGroupChange, GroupStore, LoadedGroups, StoredConsumerGroup, StoredGroup, StoredOffset } from '../persistence/group-store';

/** A GroupStore in memory for coordinator unit tests; `failing` makes every write reject. */
export class InMemoryGroupStore implements GroupStore {
  readonly groups = new Map<string, StoredGroup>();
  readonly offsets = new Map<string, Map<string, StoredOffset>>();
  readonly consumerGroups = new Map<string, StoredConsumerGroup>();
  failing = false;
  writes = 0;

  async saveGroup(group: StoredGroup): Promise<void> {
    this.check();
    this.groups.set(group.groupId, {
      ...group,
      members: group.members.map((m) => ({ ...m, subscription: Buffer.from(m.subscription), assignment: Buffer.from(m.assignment) })),
    });
  }

  async saveOffsets(groupId: string, offsets: readonly StoredOffset[]): Promise<void> {
    this.check();
    const map = this.offsets.get(groupId) ?? new Map<string, StoredOffset>();
    for (const o of offsets) map.set(`${o.topic}/${o.partition}`, { ...o });
    this.offsets.set(groupId, map);
  }

  async removeOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<void> {
    this.check();
    for (const { topic, partition } of partitions) this.offsets.get(groupId)?.delete(`${topic}/${partition}`);
  }

  async removeGroup(groupId: string): Promise<void> {
    this.check();
    this.groups.delete(groupId);
    this.offsets.delete(groupId);
    this.consumerGroups.delete(groupId);
  }

  async saveConsumerGroup(groupId: string, change: ConsumerGroupChange): Promise<void> {
    this.check();
    const stored = this.consumerGroups.get(groupId);
    const members = new Map((stored?.members ?? []).map((m) => [m.memberId, m]));
    for (const id of change.removedMembers) members.delete(id);
    for (const m of change.members) members.set(m.memberId, structuredClone(m));
    this.consumerGroups.set(groupId, { metadata: structuredClone(change.metadata), members: [...members.values()] });
  }

  async removeConsumerGroup(groupId: string): Promise<void> {
    this.check();
    this.consumerGroups.delete(groupId);
  }

  load(): LoadedGroups {
    const groups: LoadedGroups['groups'] = new Map();
    for (const id of new Set([...this.groups.keys(), ...this.offsets.keys(), ...this.consumerGroups.keys()])) {
      groups.set(id, { group: this.groups.get(id) ?? null, offsets: [...(this.offsets.get(id)?.values() ?? [])], consumer: this.consumerGroups.get(id) ?? null });
    }
    return { groups };
  }

  private check(): void {
    this.writes++;
    if (this.failing) throw new Error('store unavailable');
  }
}
