import { Logger } from '@nestjs/common';
import { ApiKey, ErrorCode, type InitProducerIdRequest, type InitProducerIdResponse } from '@app/kafka-protocol';
import { ProducerIdAllocator } from '../producers/producer-id-allocator';
import { KafkaApi, type KafkaHandler } from '../../server/kafka-api';
import { kafkaErrorCodeOf } from './kafka-error-code';

/**
 * InitProducerId 0-5 for idempotent producers: a fresh producer id with epoch 0. Transactions are not
 * supported, so a transactional id is refused (TRANSACTIONAL_ID_AUTHORIZATION_FAILED, not retriable).
 * The v3+ existing producer id/epoch (KIP-360, epoch bump after a fatal error) gets a fresh id too: without
 * transactions there is no state to fence, and a new id is what Apache hands an idempotent producer whose
 * epoch would overflow. v5 only adds PRODUCER_FENCED as an answer (KIP-588), never needed here.
 */
@KafkaApi(ApiKey.InitProducerId, { versions: [0, 5] })
export class InitProducerIdHandler implements KafkaHandler<InitProducerIdRequest, InitProducerIdResponse> {
  private readonly logger = new Logger('InitProducerIdHandler');

  constructor(private readonly producerIds: ProducerIdAllocator) {}

  async handle(req: InitProducerIdRequest): Promise<InitProducerIdResponse> {
    if (req.transactionalId !== null) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, producerId: -1n, producerEpoch: -1 };
    }
    try {
      const { producerId, producerEpoch } = await this.producerIds.allocate();
      return { throttleTimeMs: 0, errorCode: 0, producerId, producerEpoch };
    } catch (err) {
      const errorCode = kafkaErrorCodeOf(err, this.logger, { api: 'InitProducerId' });
      return { throttleTimeMs: 0, errorCode, producerId: -1n, producerEpoch: -1 };
    }
  }
}
