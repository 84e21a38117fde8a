import { encodeConsumerProtocolAssignment } from '@app/kafka-protocol';
import { Group } from '../group/group';
import { Member } from '../group/member';
import { consumerGroup, consumerGroupAssignments, consumerGroupSummary } from './consumer-group-views';

function groupWith(protocolType: string, assignments: Record<string, Buffer>): Group {
  const group = new Group('g', 0);
  for (const [memberId, assignment] of Object.entries(assignments)) {
    const member = new Member(memberId, memberId === 'static' ? 'instance-1' : null, 'client', '/10.0.0.7', 60_000, 10_000, protocolType, [{ name: 'range', metadata: Buffer.alloc(0) }]);
    member.assignment = assignment;
    group.add(member, null);
  }
  group.protocolName = 'range';
  group.generationId = 4;
  return group;
}

const assignment = (topics: Record<string, number[]>) =>
  encodeConsumerProtocolAssignment({ assignedPartitions: Object.entries(topics).map(([topic, partitions]) => ({ topic, partitions })), userData: null }, 0);

describe('runbook views of a group (/consumer-groups)', () => {
  it('lists each member with its topic-partitions in topic and partition order', () => {
    const group = groupWith('consumer', { a: assignment({ orders: [2, 0], audit: [1] }), static: assignment({ orders: [1] }) });
    expect(consumerGroupAssignments(group)).toEqual({
      group_id: 'g',
      state: 'Empty',
      generation_id: 4,
      protocol_name: 'range',
      assignments: {
        a: [{ topic: 'audit', partition: 1 }, { topic: 'orders', partition: 0 }, { topic: 'orders', partition: 2 }],
        static: [{ topic: 'orders', partition: 1 }],
      },
    });
    const detail = consumerGroup(group);
    expect(detail).toMatchObject({ group_id: 'g', protocol_type: 'consumer', protocol_name: 'range', generation_id: 4, leader: 'a' });
    expect(detail.members).toEqual([
      { member_id: 'a', group_instance_id: null, client_id: 'client', client_host: '/10.0.0.7', session_timeout: 10_000, rebalance_timeout: 60_000 },
      { member_id: 'static', group_instance_id: 'instance-1', client_id: 'client', client_host: '/10.0.0.7', session_timeout: 10_000, rebalance_timeout: 60_000 },
    ]);
    expect(detail.assigned_partitions).toEqual(consumerGroupAssignments(group).assignments);
    expect(consumerGroupSummary(group)).toMatchObject({ group_id: 'g', member_count: 2 });
  });

  it.each([
    ['another protocol type (Kafka Connect)', 'connect', assignment({ orders: [0] })],
    ['bytes that are no consumer assignment', 'consumer', Buffer.from('garbage')],
    ['no assignment yet', 'consumer', Buffer.alloc(0)],
  ])('shows no topic-partitions for %s', (_, protocolType, bytes) => {
    expect(consumerGroupAssignments(groupWith(protocolType, { a: bytes })).assignments).toEqual({ a: [] });
  });
});
