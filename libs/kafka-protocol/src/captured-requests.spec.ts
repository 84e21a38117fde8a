import captured from '../fixtures/captured-requests.json';
import { validateRecordBatch } from './record-batch/record-batch-header';
import { decodeRequest, encodeRequest } from './framing';
import { API_NAMES, ApiKey } from './generated';

/**
 * Request frames recorded from real clients talking to the broker (bench/broker/capture-requests.ts):
 * each must decode, and re-encoding the decoded request must give back the exact bytes.
 */
describe('request frames captured from kcat, kafka-python, kafkajs and @platformatic/kafka', () => {
  it('covers the three clients and their version probes', () => {
    const has = (client: string, apiKey: number, apiVersion: number) =>
      captured.some((c) => c.client === client && c.apiKey === apiKey && c.apiVersion === apiVersion);
    expect(has('librdkafka', ApiKey.ApiVersions, 3)).toBe(true);
    expect(has('kafka-python', ApiKey.ApiVersions, 0)).toBe(true);
    expect(has('kafka-python', ApiKey.Metadata, 0)).toBe(true);
    expect(has('kafkajs', ApiKey.ApiVersions, 2)).toBe(true);
    expect(new Set(captured.map((c) => c.client))).toEqual(new Set(['librdkafka', 'kafka-python', 'kafkajs', 'platformatic']));
  });

  it('holds a frame of every flexible version @platformatic/kafka 1.x sends (Kafka 3.9 maxima; KIP-848 from Kafka 4.0)', () => {
    const versions = captured.filter((c) => c.client === 'platformatic').map((c) => `${API_NAMES.get(c.apiKey)} v${c.apiVersion}`);
    expect(versions).toEqual(
      expect.arrayContaining([
        'Produce v11', 'Fetch v17', 'ListOffsets v9', 'Metadata v12', 'OffsetCommit v9', 'OffsetFetch v9', 'FindCoordinator v6',
        'JoinGroup v9', 'Heartbeat v4', 'LeaveGroup v5', 'SyncGroup v5', 'DescribeGroups v5', 'ListGroups v5', 'ApiVersions v3',
        'CreateTopics v7', 'DeleteTopics v6', 'DeleteGroups v2', 'ConsumerGroupHeartbeat v1',
      ]),
    );
  });

  it.each(captured.map((c) => [c.client, API_NAMES.get(c.apiKey), c.apiVersion, c] as const))(
    '%s %s v%i decodes and re-encodes byte for byte',
    (_client, _api, _version, c) => {
      const frame = Buffer.from(c.hex, 'hex');
      const { header, body } = decodeRequest(frame);
      expect(header.requestApiKey).toBe(c.apiKey);
      const again = encodeRequest(c.apiKey, c.apiVersion, header.correlationId, header.clientId ?? null, body).subarray(4);
      expect(again.toString('hex')).toBe(c.hex);
      if (c.apiKey === ApiKey.Produce) {
        const records = (body as { topicData: Array<{ partitionData: Array<{ records: Buffer }> }> }).topicData[0].partitionData[0].records;
        expect(() => validateRecordBatch(records, 0)).not.toThrow();
      }
    },
  );
});
