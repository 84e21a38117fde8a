import { kafkajsLogCreator } from '@app/platform';
import { Admin, Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import type { ConsumerConfig } from '../config-model/consumer-config';

/**
 * kafkajs clients by SASL identity: consumers without `security` share the service's own client; one
 * with credentials gets a client (and an admin, for its lag and group deletion) that authenticates as it.
 */
export class KafkaClients {
  private readonly clients = new Map<string, Kafka>();
  private readonly admins = new Map<Kafka, Admin>();

  constructor(
    private readonly shared: Kafka,
    private readonly options: { brokers: string[]; clientId: string; logger: Logger },
  ) {}

  clientFor(config: Pick<ConsumerConfig, 'security'>): Kafka {
    const security = config.security;
    if (!security) return this.shared;
    const key = JSON.stringify([security.mechanism, security.username, security.password, security.ssl]);
    let client = this.clients.get(key);
    if (!client) {
      client = new Kafka({
        clientId: this.options.clientId,
        brokers: this.options.brokers,
        ssl: security.ssl,
        // kafkajs types each mechanism's options separately; the config schema only admits the three it implements.
        sasl: { mechanism: security.mechanism, username: security.username, password: security.password } as never,
        logLevel: logLevel.WARN,
        logCreator: kafkajsLogCreator(this.options.logger),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** A connected admin on the consumer's identity (kept for the next call). */
  async adminFor(config: Pick<ConsumerConfig, 'security'>): Promise<Admin> {
    const client = this.clientFor(config);
    let admin = this.admins.get(client);
    if (!admin) {
      admin = client.admin();
      this.admins.set(client, admin);
    }
    await admin.connect();
    return admin;
  }

  async close(): Promise<void> {
    const admins = [...this.admins.values()];
    this.admins.clear();
    await Promise.all(admins.map((admin) => admin.disconnect().catch(() => undefined)));
  }
}
