/**
 * The APIs and version ranges the codec is generated for. Upper bounds are Apache Kafka 3.9's maxima, flexible
 * versions (KIP-482) included: clients written after KIP-896 (Kafka 4.0), such as @platformatic/kafka 1.x,
 * implement only flexible versions and find no usable version of an API whose range stops below them.
 * Lower bounds keep what the older clients of shared/kafka-protocol/CLIENTS.md section 3 need: OffsetDelete 0,
 * and Produce from v0: librdkafka 2.0.2 only
 * compresses with gzip, snappy or lz4 when the broker's Produce range contains v0 (it checks
 * "Produce v0 supported" for those codecs), so the broker advertises Produce 0-7 and refuses the
 * legacy message formats of v0-2 per partition. The broker advertises what its handlers register,
 * always inside these ranges.
 */
export const GENERATED_APIS: ReadonlyArray<{ name: string; min: number; max: number }> = [
  { name: 'Produce', min: 0, max: 11 },
  { name: 'Fetch', min: 4, max: 17 },
  { name: 'ListOffsets', min: 0, max: 9 },
  { name: 'Metadata', min: 0, max: 12 },
  { name: 'OffsetCommit', min: 0, max: 9 },
  { name: 'OffsetFetch', min: 0, max: 9 },
  { name: 'FindCoordinator', min: 0, max: 6 },
  { name: 'JoinGroup', min: 0, max: 9 },
  { name: 'Heartbeat', min: 0, max: 4 },
  { name: 'LeaveGroup', min: 0, max: 5 },
  { name: 'SyncGroup', min: 0, max: 5 },
  { name: 'DescribeGroups', min: 0, max: 5 },
  { name: 'ListGroups', min: 0, max: 5 },
  { name: 'SaslHandshake', min: 0, max: 1 },
  { name: 'ApiVersions', min: 0, max: 4 },
  { name: 'CreateTopics', min: 0, max: 7 },
  { name: 'DeleteTopics', min: 0, max: 6 },
  { name: 'InitProducerId', min: 0, max: 5 },
  { name: 'DescribeConfigs', min: 0, max: 4 },
  { name: 'SaslAuthenticate', min: 0, max: 2 },
  { name: 'DeleteGroups', min: 0, max: 2 },
  { name: 'OffsetDelete', min: 0, max: 0 },
  // Admin and KIP-320 APIs beyond the three original clients' needs (shared/kafka-protocol/messages/extra/).
  { name: 'DeleteRecords', min: 0, max: 2 },
  { name: 'OffsetForLeaderEpoch', min: 0, max: 4 },
  { name: 'CreatePartitions', min: 0, max: 3 },
  { name: 'DescribeCluster', min: 0, max: 1 },
  // KIP-848 consumer groups. ConsumerGroupHeartbeat v1 is Kafka 4.0's (spec/messages carries it: v1 adds
  // SubscribedTopicRegex, and the client generates its member id); current clients such as @platformatic/kafka
  // ask for it first.
  { name: 'ConsumerGroupHeartbeat', min: 0, max: 1 },
  { name: 'ConsumerGroupDescribe', min: 0, max: 0 },
];

/** Free-standing schemas under spec/records/, generated for every valid version. */
export const GENERATED_DATA = [
  'ConsumerProtocolSubscription',
  'ConsumerProtocolAssignment',
  'GroupMetadataKey',
  'GroupMetadataValue',
  'OffsetCommitKey',
  'OffsetCommitValue',
];
