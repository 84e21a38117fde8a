import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { API_CODECS, API_NAMES } from '@app/kafka-protocol';
import { kafkaApiOf, KafkaApiMarker, type KafkaApiDeclaration, type KafkaHandler } from './kafka-api';

/** A handler with the API it declared. */
export interface KafkaApiEntry extends KafkaApiDeclaration {
  handler: KafkaHandler;
}

/**
 * The API keys this broker answers, with their advertised versions: every provider marked @KafkaApi, found by
 * discovery once all modules are instantiated (before the listener starts, which is on application bootstrap).
 * ApiVersions advertises exactly what is here, and the connection dispatches through it. Without Nest (benchmarks,
 * tests), `add` takes handler instances directly.
 */
@Injectable()
export class KafkaApiRegistry implements OnModuleInit {
  private readonly entries = new Map<number, KafkaApiEntry>();

  constructor(@Optional() private readonly discovery?: DiscoveryService) {}

  onModuleInit(): void {
    if (!this.discovery) return;
    for (const wrapper of this.discovery.getProviders({ metadataKey: KafkaApiMarker.KEY })) {
      if (wrapper.instance) this.add(wrapper.instance as KafkaHandler);
    }
  }

  /** Adds a handler under the API its class declares; refuses undeclared handlers, versions its codec lacks and duplicates. */
  add(handler: KafkaHandler): void {
    const api = kafkaApiOf(handler);
    if (!api) throw new Error(`${handler.constructor.name} has no @KafkaApi declaration`);
    const { apiKey, minVersion, maxVersion } = api;
    const name = API_NAMES.get(apiKey) ?? `api ${apiKey}`;
    const codec = API_CODECS.get(apiKey);
    if (!codec) throw new Error(`${name}: no generated codec for API key ${apiKey}`);
    if (minVersion < codec.minVersion || maxVersion > codec.maxVersion || minVersion > maxVersion) {
      throw new Error(`${name}: versions ${minVersion}-${maxVersion} outside the codec's ${codec.minVersion}-${codec.maxVersion}`);
    }
    if (this.entries.has(apiKey)) throw new Error(`${name}: a handler is already registered`);
    this.entries.set(apiKey, { apiKey, minVersion, maxVersion, handler });
  }

  get(apiKey: number): KafkaApiEntry | undefined {
    return this.entries.get(apiKey);
  }

  supports(apiKey: number, apiVersion: number): boolean {
    const e = this.entries.get(apiKey);
    return e !== undefined && apiVersion >= e.minVersion && apiVersion <= e.maxVersion;
  }

  /** Registered APIs in key order, as ApiVersions advertises them. */
  advertised(): Array<{ apiKey: number; minVersion: number; maxVersion: number }> {
    return [...this.entries.values()]
      .map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }
}
