/** Kafka error codes the storage layer answers with (numbers from the Kafka protocol's error table). */
export const StorageErrorCode = {
  offsetOutOfRange: 1,
  corruptMessage: 2,
  unknownTopicOrPartition: 3,
  messageTooLarge: 10,
  invalidTopic: 17,
  topicAlreadyExists: 36,
  invalidPartitions: 37,
  invalidReplicationFactor: 38,
  invalidConfig: 40,
  outOfOrderSequenceNumber: 45,
  invalidProducerEpoch: 47,
  kafkaStorageError: 56,
  invalidRecord: 87,
} as const;

/**
 * An error a protocol handler can answer with: `errorCode` is the Kafka error code, the same
 * convention as the protocol library's CorruptRecordBatchError.
 */
export class StorageError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}
