import { ApiKey, ErrorCode, type DescribeClusterRequest, type DescribeClusterResponse } from '@app/kafka-protocol';
import { BrokerIdentity } from '../../server/broker-identity';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import type { RequestContext } from '../../server/request-context';

/** DescribeCluster v1 endpoint types (KIP-919): a broker answers for brokers, a KRaft controller for controllers. */
const ENDPOINT_BROKERS = 1;
/** Kafka's "not requested" value for authorized operations. */
const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;
/**
 * Every operation Kafka defines on the cluster resource (AclOperation codes CREATE 4, ALTER 7, DESCRIBE 8,
 * CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12): with no ACLs here, all are allowed.
 */
const ALL_CLUSTER_OPERATIONS = [4, 7, 8, 9, 10, 11, 12].reduce((bits, op) => bits | (1 << op), 0);

/**
 * DescribeCluster 0-1 (KIP-700; the admin client's describeCluster when the broker offers it, instead of Metadata):
 * this node is the whole cluster and its controller. v1 asks for an endpoint type; this broker serves only the
 * brokers' endpoints and answers UNSUPPORTED_ENDPOINT_TYPE for any other, as an Apache broker does.
 */
@KafkaApi(ApiKey.DescribeCluster, { versions: [0, 1] })
export class DescribeClusterHandler implements KafkaHandler<DescribeClusterRequest, DescribeClusterResponse> {
  constructor(private readonly identity: BrokerIdentity) {}

  handle(req: DescribeClusterRequest, ctx: RequestContext): DescribeClusterResponse {
    const endpointType = ctx.apiVersion >= 1 ? (req.endpointType ?? ENDPOINT_BROKERS) : ENDPOINT_BROKERS;
    const { nodeId, advertisedHost, advertisedPort, clusterId } = this.identity;
    const base = { throttleTimeMs: 0, endpointType, clusterId, controllerId: nodeId };
    if (endpointType !== ENDPOINT_BROKERS) {
      return {
        ...base,
        errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE,
        errorMessage: `this broker only describes broker endpoints (type ${ENDPOINT_BROKERS}), not type ${endpointType}`,
        controllerId: -1,
        brokers: [],
        clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
      };
    }
    return {
      ...base,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      brokers: [{ brokerId: nodeId, host: advertisedHost, port: advertisedPort, rack: null }],
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? ALL_CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  }
}
