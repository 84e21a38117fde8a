import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { API_CODECS, ApiKey } from '@app/kafka-protocol';
import { KafkaApi, type KafkaHandler } from './kafka-api';
import { KafkaApiRegistry } from './kafka-api-registry';

@KafkaApi(ApiKey.Heartbeat, { versions: [0, 3] })
class HeartbeatStub implements KafkaHandler {
  handle() {
    return { throttleTimeMs: 0, errorCode: 0 };
  }
}

@KafkaApi(ApiKey.ListGroups, { versions: [1, 2] })
class ListGroupsStub implements KafkaHandler {
  handle() {
    return { throttleTimeMs: 0, errorCode: 0, groups: [] };
  }
}

@Injectable()
class NotAHandler {}

/** A feature module of its own: discovery must find its handler without the registry being handed anything. */
@Module({ providers: [ListGroupsStub, NotAHandler] })
class FeatureModule {}

describe('KafkaApiRegistry', () => {
  it('collects every @KafkaApi provider of every module by discovery, and only those', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, FeatureModule], providers: [KafkaApiRegistry, HeartbeatStub] }).compile();
    await moduleRef.init();
    const registry = moduleRef.get(KafkaApiRegistry);
    expect(registry.advertised()).toEqual([
      { apiKey: ApiKey.Heartbeat, minVersion: 0, maxVersion: 3 },
      { apiKey: ApiKey.ListGroups, minVersion: 1, maxVersion: 2 },
    ]);
    expect(registry.get(ApiKey.ListGroups)?.handler).toBeInstanceOf(ListGroupsStub);
    expect(registry.supports(ApiKey.ListGroups, 2)).toBe(true);
    expect(registry.supports(ApiKey.ListGroups, 0)).toBe(false);
    expect(registry.supports(ApiKey.Produce, 3)).toBe(false);
    await moduleRef.close();
  });

  it('refuses a handler without a declaration, versions its codec lacks, and a second handler for one API', () => {
    const registry = new KafkaApiRegistry();
    expect(() => registry.add({ handle: () => null })).toThrow('has no @KafkaApi declaration');

    const max = API_CODECS.get(ApiKey.Heartbeat)!.maxVersion;
    @KafkaApi(ApiKey.Heartbeat, { versions: [0, max + 1] })
    class TooNew implements KafkaHandler {
      handle() {
        return null;
      }
    }
    expect(() => registry.add(new TooNew())).toThrow(`versions 0-${max + 1} outside the codec's`);

    @KafkaApi(ApiKey.Heartbeat, { versions: [3, 1] })
    class Inverted implements KafkaHandler {
      handle() {
        return null;
      }
    }
    expect(() => registry.add(new Inverted())).toThrow('outside the codec');

    registry.add(new HeartbeatStub());
    expect(() => registry.add(new HeartbeatStub())).toThrow('a handler is already registered');
  });
});
