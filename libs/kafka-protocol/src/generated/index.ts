// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/.

import type { ApiCodec } from '../api-codec';
import { produceCodec } from './produce';
import { fetchCodec } from './fetch';
import { listOffsetsCodec } from './list-offsets';
import { metadataCodec } from './metadata';
import { offsetCommitCodec } from './offset-commit';
import { offsetFetchCodec } from './offset-fetch';
import { findCoordinatorCodec } from './find-coordinator';
import { joinGroupCodec } from './join-group';
import { heartbeatCodec } from './heartbeat';
import { leaveGroupCodec } from './leave-group';
import { syncGroupCodec } from './sync-group';
import { describeGroupsCodec } from './describe-groups';
import { listGroupsCodec } from './list-groups';
import { saslHandshakeCodec } from './sasl-handshake';
import { apiVersionsCodec } from './api-versions';
import { createTopicsCodec } from './create-topics';
import { deleteTopicsCodec } from './delete-topics';
import { initProducerIdCodec } from './init-producer-id';
import { describeConfigsCodec } from './describe-configs';
import { saslAuthenticateCodec } from './sasl-authenticate';
import { deleteGroupsCodec } from './delete-groups';
import { offsetDeleteCodec } from './offset-delete';
import { deleteRecordsCodec } from './delete-records';
import { offsetForLeaderEpochCodec } from './offset-for-leader-epoch';
import { createPartitionsCodec } from './create-partitions';
import { describeClusterCodec } from './describe-cluster';
import { consumerGroupHeartbeatCodec } from './consumer-group-heartbeat';
import { consumerGroupDescribeCodec } from './consumer-group-describe';

export * from './produce';
export * from './fetch';
export * from './list-offsets';
export * from './metadata';
export * from './offset-commit';
export * from './offset-fetch';
export * from './find-coordinator';
export * from './join-group';
export * from './heartbeat';
export * from './leave-group';
export * from './sync-group';
export * from './describe-groups';
export * from './list-groups';
export * from './sasl-handshake';
export * from './api-versions';
export * from './create-topics';
export * from './delete-topics';
export * from './init-producer-id';
export * from './describe-configs';
export * from './sasl-authenticate';
export * from './delete-groups';
export * from './offset-delete';
export * from './delete-records';
export * from './offset-for-leader-epoch';
export * from './create-partitions';
export * from './describe-cluster';
export * from './consumer-group-heartbeat';
export * from './consumer-group-describe';
export * from './request-header';
export * from './response-header';
export * from './consumer-protocol-subscription';
export * from './consumer-protocol-assignment';
export * from './group-metadata-key';
export * from './group-metadata-value';
export * from './offset-commit-key';
export * from './offset-commit-value';

/** Every API key defined by the spec files, by name. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  OffsetForLeaderEpoch: 23,
  DescribeConfigs: 32,
  SaslAuthenticate: 36,
  CreatePartitions: 37,
  DeleteGroups: 42,
  OffsetDelete: 47,
  DescribeCluster: 60,
  ConsumerGroupHeartbeat: 68,
  ConsumerGroupDescribe: 69,
} as const;
export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey];

/** API name by key, for logs and metrics. */
export const API_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(ApiKey).map(([name, key]) => [key, name]),
);

/** Codecs for the generated APIs and version ranges, by API key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const API_CODECS: ReadonlyMap<number, ApiCodec<any, any>> = new Map<number, ApiCodec<any, any>>([
  [0, produceCodec],
  [1, fetchCodec],
  [2, listOffsetsCodec],
  [3, metadataCodec],
  [8, offsetCommitCodec],
  [9, offsetFetchCodec],
  [10, findCoordinatorCodec],
  [11, joinGroupCodec],
  [12, heartbeatCodec],
  [13, leaveGroupCodec],
  [14, syncGroupCodec],
  [15, describeGroupsCodec],
  [16, listGroupsCodec],
  [17, saslHandshakeCodec],
  [18, apiVersionsCodec],
  [19, createTopicsCodec],
  [20, deleteTopicsCodec],
  [22, initProducerIdCodec],
  [32, describeConfigsCodec],
  [36, saslAuthenticateCodec],
  [42, deleteGroupsCodec],
  [47, offsetDeleteCodec],
  [21, deleteRecordsCodec],
  [23, offsetForLeaderEpochCodec],
  [37, createPartitionsCodec],
  [60, describeClusterCodec],
  [68, consumerGroupHeartbeatCodec],
  [69, consumerGroupDescribeCodec],
]);
