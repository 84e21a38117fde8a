import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { ReadinessCheck } from '../health/readiness-check';
import { kafkajsLogCreator } from './kafkajs-log-creator';

/**
 * Readiness asks the cluster to describe itself over a kept admin connection: the brokers answer
 * the Kafka protocol, not merely accept a TCP connection.
 */
@Injectable()
export class KafkaReadinessCheck implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'kafka';
  private admin: Admin | undefined;

  constructor(private readonly kafka: Kafka) {}

  async check(): Promise<void> {
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    try {
      await this.admin.connect();
      await this.admin.describeCluster();
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

/** A kafkajs client configured from KAFKA_BROKERS / KAFKA_CLIENT_ID, logging as JSON. */
@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: { brokers: string[]; clientId: string; logger: Logger }): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        {
          provide: Kafka,
          useFactory: () =>
            new Kafka({
              clientId: options.clientId,
              brokers: options.brokers,
              connectionTimeout: 1_000,
              requestTimeout: 5_000,
              logLevel: logLevel.WARN,
              logCreator: kafkajsLogCreator(options.logger),
            }),
        },
        KafkaReadinessCheck,
      ],
      exports: [Kafka, KafkaReadinessCheck],
    };
  }
}
