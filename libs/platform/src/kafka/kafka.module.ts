import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { ReadinessCheck } from '../health/readiness-check';
import { kafkajsLogCreator } from './kafkajs-log-creator';

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

/**
 * Readiness asks the cluster to describe itself over a kept admin connection: the brokers answer
 * the Kafka protocol, not merely accept a TCP connection. The probe has its own client without
 * retries, so an outage is reported at once with its cause instead of retried (and logged) in the
 * background while the service's own clients keep their retry policy.
 */
@Injectable()
export class KafkaReadinessCheck implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'kafka';
  private readonly probe: Kafka;
  private admin: Admin | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(@Inject(KAFKA_OPTIONS) options: KafkaOptions) {
    this.probe = new Kafka({
      clientId: `${options.clientId}-readiness`,
      brokers: options.brokers,
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
  }

  check(): Promise<void> {
    this.inFlight ??= this.describeCluster().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async describeCluster(): Promise<void> {
    this.admin ??= this.probe.admin({ retry: { retries: 0 } });
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
  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
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
