import type { Clock } from '../time/clock';
import type { GroupEventEmitter } from './group-event-emitter';
import { Group } from './group';

/**
 * Every group the coordinator knows, by id: the one owner of a group's existence. The state machine creates groups on
 * JoinGroup, the offset manager on a commit without group management (Kafka's getOrMaybeCreateClassicGroup); a group
 * a failed request created is dropped again, and an empty one with nothing left goes Dead and disappears.
 */
export class GroupTable {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly clock: Clock,
    private readonly events: GroupEventEmitter,
  ) {}

  get(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  values(): IterableIterator<Group> {
    return this.groups.values();
  }

  /** A group object that is not (yet) in the table: restore fills it first, a commit keeps it only once stored. */
  create(groupId: string): Group {
    return new Group(groupId, this.clock.now(), (group, from, to) => this.events.emit(group, { type: 'group_state_changed', from, to }));
  }

  /** The group, created and kept when it is new. */
  getOrCreate(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = this.create(groupId);
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Keeps `group` under its id unless it died or another group took the id meanwhile. */
  keep(group: Group): void {
    if (!this.groups.has(group.groupId) && !group.is('Dead')) this.groups.set(group.groupId, group);
  }

  /** A group created by a request that then failed, with nothing in it, is not kept (nor listed). */
  dropIfUnused(group: Group): void {
    if (
      group.is('Empty') &&
      group.members.size === 0 &&
      group.pendingMembers.size === 0 &&
      !group.hasOffsets &&
      group.generationId === 0 &&
      this.groups.get(group.groupId) === group
    ) {
      this.groups.delete(group.groupId);
    }
  }

  /** The group goes Dead and leaves the table (DeleteGroups, or offset expiry emptied it). */
  remove(group: Group): void {
    group.transitionTo('Dead', this.clock.now());
    this.groups.delete(group.groupId);
  }
}
