import { Logger } from '@nestjs/common';
import {
  ApiKey,
  ErrorCode,
  type DescribeConfigsRequest,
  type DescribeConfigsRequestDescribeConfigsResource,
  type DescribeConfigsResponse,
  type DescribeConfigsResponseDescribeConfigsResourceResult,
  type DescribeConfigsResponseDescribeConfigsResult,
} from '@app/kafka-protocol';
import { TopicRegistry } from '../topics/topic-registry';
import { BrokerIdentity } from '../../server/broker-identity';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import { errorMessageOf, kafkaErrorCodeOf } from './kafka-error-code';

const RESOURCE_TOPIC = 2;
const RESOURCE_BROKER = 4;
/** ConfigSource values of DescribeConfigs v1+. */
const SOURCE = { topic: 1, staticBroker: 4, default: 5 } as const;

/**
 * ConfigType of DescribeConfigs v3+ (KIP-569), as Apache declares each config; 0 (UNKNOWN) for any other.
 * Documentation (v3+) is not kept, so it stays null even when asked for, as Apache allows.
 */
const CONFIG_TYPE: Record<string, number> = {
  'cleanup.policy': 7, // LIST
  'flush.ms': 5,
  'index.interval.bytes': 3, // INT
  'max.message.bytes': 3,
  'message.timestamp.type': 2, // STRING
  'min.insync.replicas': 3,
  'retention.bytes': 5, // LONG
  'retention.ms': 5,
  'segment.bytes': 3,
  'segment.ms': 5,
  'auto.create.topics.enable': 1, // BOOLEAN
  'num.partitions': 3,
  'log.segment.bytes': 3,
  'log.retention.ms': 5,
  'log.retention.bytes': 5,
  'message.max.bytes': 3,
  'log.flush.interval.ms': 5,
};

/** DescribeConfigs 0-4 for topics (every supported topic config) and this broker (its storage defaults). */
@KafkaApi(ApiKey.DescribeConfigs, { versions: [0, 4] })
export class DescribeConfigsHandler implements KafkaHandler<DescribeConfigsRequest, DescribeConfigsResponse> {
  private readonly logger = new Logger('DescribeConfigsHandler');

  constructor(
    private readonly topics: TopicRegistry,
    private readonly identity: BrokerIdentity,
  ) {}

  handle(req: DescribeConfigsRequest): DescribeConfigsResponse {
    return { throttleTimeMs: 0, results: req.resources.map((r) => this.describe(r)) };
  }

  private describe(r: DescribeConfigsRequestDescribeConfigsResource): DescribeConfigsResponseDescribeConfigsResult {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    let configs: DescribeConfigsResponseDescribeConfigsResourceResult[];
    try {
      if (r.resourceType === RESOURCE_TOPIC) configs = this.topicConfigs(r.resourceName);
      else if (r.resourceType === RESOURCE_BROKER && (r.resourceName === String(this.identity.nodeId) || r.resourceName === '')) {
        configs = this.brokerConfigs();
      } else {
        return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `unsupported resource ${r.resourceType}/${r.resourceName}`, configs: [] };
      }
    } catch (err) {
      return {
        ...base,
        errorCode: kafkaErrorCodeOf(err, this.logger, { api: 'DescribeConfigs', resource: r.resourceName }),
        errorMessage: errorMessageOf(err),
        configs: [],
      };
    }
    const keys = r.configurationKeys;
    return { ...base, errorCode: 0, errorMessage: null, configs: keys ? configs.filter((c) => keys.includes(c.name)) : configs };
  }

  private topicConfigs(name: string): DescribeConfigsResponseDescribeConfigsResourceResult[] {
    return this.topics.describeConfigs(name).map((c) => ({
      name: c.name,
      value: c.value,
      readOnly: c.readOnly,
      isDefault: c.isDefault,
      configSource: c.source === 'TOPIC_CONFIG' ? SOURCE.topic : SOURCE.default,
      isSensitive: c.sensitive,
      synonyms: [],
      configType: CONFIG_TYPE[c.name] ?? 0,
      documentation: null,
    }));
  }

  private brokerConfigs(): DescribeConfigsResponseDescribeConfigsResourceResult[] {
    const s = this.topics.settings;
    const entries: Array<[string, string]> = [
      ['auto.create.topics.enable', String(s.autoCreateTopics)],
      ['num.partitions', String(s.defaultPartitions)],
      ['log.segment.bytes', String(s.defaults.segmentBytes)],
      ['log.retention.ms', String(s.defaults.retentionMs)],
      ['log.retention.bytes', String(s.defaults.retentionBytes)],
      ['message.max.bytes', String(s.defaults.maxMessageBytes)],
      ['log.flush.interval.ms', String(s.flushIntervalMs)],
    ];
    return entries.map(([name, value]) => ({
      name,
      value,
      readOnly: true,
      isDefault: false,
      configSource: SOURCE.staticBroker,
      isSensitive: false,
      synonyms: [],
      configType: CONFIG_TYPE[name] ?? 0,
      documentation: null,
    }));
  }
}
