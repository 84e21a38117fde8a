// GENERATED FILE - DO NOT EDIT.
// Written by libs/kafka-protocol/codegen/generate.ts from spec/messages/ConsumerGroupDescribeRequest.json, ConsumerGroupDescribeResponse.json.

import type { ApiCodec } from '../api-codec';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import { ZERO_UUID, readArray, readTaggedFields, writeArray } from '../io/codec-helpers';

/** ConsumerGroupDescribeRequest, versions 0-0, flexible from 0. */
export interface ConsumerGroupDescribeRequest {
  /** The ids of the groups to describe */
  groupIds: string[];
  /** Whether to include authorized operations. */
  includeAuthorizedOperations: boolean;
}

export function readConsumerGroupDescribeRequest(r: Reader, version: number): ConsumerGroupDescribeRequest {
  const o: ConsumerGroupDescribeRequest = {
    groupIds: readArray(r, true, (r) => r.compactString()),
    includeAuthorizedOperations: r.bool(),
  };
  readTaggedFields(r);
  return o;
}

export function writeConsumerGroupDescribeRequest(w: Writer, o: ConsumerGroupDescribeRequest, version: number): void {
  writeArray(w, true, o.groupIds, (w, e) => w.compactString(e));
  w.bool(o.includeAuthorizedOperations);
  w.uvarint(0);
}

/** ConsumerGroupDescribeResponse, versions 0-0, flexible from 0. */
export interface ConsumerGroupDescribeResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each described group. */
  groups: ConsumerGroupDescribeResponseDescribedGroup[];
}

export function readConsumerGroupDescribeResponse(r: Reader, version: number): ConsumerGroupDescribeResponse {
  const o: ConsumerGroupDescribeResponse = {
    throttleTimeMs: r.int32(),
    groups: readArray(r, true, (r) => readConsumerGroupDescribeResponseDescribedGroup(r, version)),
  };
  readTaggedFields(r);
  return o;
}

export function writeConsumerGroupDescribeResponse(w: Writer, o: ConsumerGroupDescribeResponse, version: number): void {
  w.int32(o.throttleTimeMs);
  writeArray(w, true, o.groups, (w, e) => writeConsumerGroupDescribeResponseDescribedGroup(w, e, version));
  w.uvarint(0);
}

export interface ConsumerGroupDescribeResponseDescribedGroup {
  /** The describe error, or 0 if there was no error. */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The group ID string. */
  groupId: string;
  /** The group state string, or the empty string. */
  groupState: string;
  /** The group epoch. */
  groupEpoch: number;
  /** The assignment epoch. */
  assignmentEpoch: number;
  /** The selected assignor. */
  assignorName: string;
  /** The members. */
  members: ConsumerGroupDescribeResponseMember[];
  /** 32-bit bitfield to represent authorized operations for this group. */
  authorizedOperations: number;
}

export function readConsumerGroupDescribeResponseDescribedGroup(r: Reader, version: number): ConsumerGroupDescribeResponseDescribedGroup {
  const o: ConsumerGroupDescribeResponseDescribedGroup = {
    errorCode: r.int16(),
    errorMessage: r.compactNullableString(),
    groupId: r.compactString(),
    groupState: r.compactString(),
    groupEpoch: r.int32(),
    assignmentEpoch: r.int32(),
    assignorName: r.compactString(),
    members: readArray(r, true, (r) => readConsumerGroupDescribeResponseMember(r, version)),
    authorizedOperations: r.int32(),
  };
  readTaggedFields(r);
  return o;
}

export function writeConsumerGroupDescribeResponseDescribedGroup(w: Writer, o: ConsumerGroupDescribeResponseDescribedGroup, version: number): void {
  w.int16(o.errorCode);
  w.compactNullableString(o.errorMessage);
  w.compactString(o.groupId);
  w.compactString(o.groupState);
  w.int32(o.groupEpoch);
  w.int32(o.assignmentEpoch);
  w.compactString(o.assignorName);
  writeArray(w, true, o.members, (w, e) => writeConsumerGroupDescribeResponseMember(w, e, version));
  w.int32(o.authorizedOperations);
  w.uvarint(0);
}

export interface ConsumerGroupDescribeResponseMember {
  /** The member ID. */
  memberId: string;
  /** The member instance ID. */
  instanceId: string | null;
  /** The member rack ID. */
  rackId: string | null;
  /** The current member epoch. */
  memberEpoch: number;
  /** The client ID. */
  clientId: string;
  /** The client host. */
  clientHost: string;
  /** The subscribed topic names. */
  subscribedTopicNames: string[];
  /** the subscribed topic regex otherwise or null of not provided. */
  subscribedTopicRegex: string | null;
  /** The current assignment. */
  assignment: ConsumerGroupDescribeResponseAssignment;
  /** The target assignment. */
  targetAssignment: ConsumerGroupDescribeResponseAssignment;
}

export function readConsumerGroupDescribeResponseMember(r: Reader, version: number): ConsumerGroupDescribeResponseMember {
  const o: ConsumerGroupDescribeResponseMember = {
    memberId: r.compactString(),
    instanceId: r.compactNullableString(),
    rackId: r.compactNullableString(),
    memberEpoch: r.int32(),
    clientId: r.compactString(),
    clientHost: r.compactString(),
    subscribedTopicNames: readArray(r, true, (r) => r.compactString()),
    subscribedTopicRegex: r.compactNullableString(),
    assignment: readConsumerGroupDescribeResponseAssignment(r, version),
    targetAssignment: readConsumerGroupDescribeResponseAssignment(r, version),
  };
  readTaggedFields(r);
  return o;
}

export function writeConsumerGroupDescribeResponseMember(w: Writer, o: ConsumerGroupDescribeResponseMember, version: number): void {
  w.compactString(o.memberId);
  w.compactNullableString(o.instanceId);
  w.compactNullableString(o.rackId);
  w.int32(o.memberEpoch);
  w.compactString(o.clientId);
  w.compactString(o.clientHost);
  writeArray(w, true, o.subscribedTopicNames, (w, e) => w.compactString(e));
  w.compactNullableString(o.subscribedTopicRegex);
  writeConsumerGroupDescribeResponseAssignment(w, o.assignment, version);
  writeConsumerGroupDescribeResponseAssignment(w, o.targetAssignment, version);
  w.uvarint(0);
}

export interface ConsumerGroupDescribeResponseAssignment {
  /** The assigned topic-partitions to the member. */
  topicPartitions: ConsumerGroupDescribeResponseTopicPartitions[];
}

export function readConsumerGroupDescribeResponseAssignment(r: Reader, version: number): ConsumerGroupDescribeResponseAssignment {
  const o: ConsumerGroupDescribeResponseAssignment = {
    topicPartitions: readArray(r, true, (r) => readConsumerGroupDescribeResponseTopicPartitions(r, version)),
  };
  readTaggedFields(r);
  return o;
}

export function writeConsumerGroupDescribeResponseAssignment(w: Writer, o: ConsumerGroupDescribeResponseAssignment, version: number): void {
  writeArray(w, true, o.topicPartitions, (w, e) => writeConsumerGroupDescribeResponseTopicPartitions(w, e, version));
  w.uvarint(0);
}

export interface ConsumerGroupDescribeResponseTopicPartitions {
  /** The topic ID. */
  topicId: Buffer;
  /** The topic name. */
  topicName: string;
  /** The partitions. */
  partitions: number[];
}

export function readConsumerGroupDescribeResponseTopicPartitions(r: Reader, version: number): ConsumerGroupDescribeResponseTopicPartitions {
  const o: ConsumerGroupDescribeResponseTopicPartitions = {
    topicId: r.uuid(),
    topicName: r.compactString(),
    partitions: readArray(r, true, (r) => r.int32()),
  };
  readTaggedFields(r);
  return o;
}

export function writeConsumerGroupDescribeResponseTopicPartitions(w: Writer, o: ConsumerGroupDescribeResponseTopicPartitions, version: number): void {
  w.uuid(o.topicId);
  w.compactString(o.topicName);
  writeArray(w, true, o.partitions, (w, e) => w.int32(e));
  w.uvarint(0);
}

export const consumerGroupDescribeCodec: ApiCodec<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse> = {
  apiKey: 69,
  name: 'ConsumerGroupDescribe',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  readRequest: readConsumerGroupDescribeRequest,
  writeRequest: writeConsumerGroupDescribeRequest,
  readResponse: readConsumerGroupDescribeResponse,
  writeResponse: writeConsumerGroupDescribeResponse,
};
