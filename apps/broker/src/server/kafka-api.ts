import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { RequestContext } from './request-context';

/** Returned by a handler when the protocol wants no response at all (Produce with acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('kafka.no-response');
export type NoResponse = typeof NO_RESPONSE;

/** What a Kafka API handler does: answer one decoded request. Its API key and versions come from @KafkaApi. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface KafkaHandler<Req = any, Res = any> {
  handle(req: Req, ctx: RequestContext): Promise<Res | NoResponse> | Res | NoResponse;
}

/** The API a handler class answers and the versions it advertises (inside the generated codec's range). */
export interface KafkaApiDeclaration {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

/** Marks a provider for KafkaApiRegistry's discovery (Nest 11's DiscoveryService.createDecorator). */
export const KafkaApiMarker = DiscoveryService.createDecorator<KafkaApiDeclaration>();

/**
 * Declares the Kafka API a handler answers, e.g. `@KafkaApi(ApiKey.Produce, { versions: [0, 7] })`. The class
 * becomes an injectable provider; listing it in any module's providers is all it takes for the listener to
 * dispatch to it and for ApiVersions to advertise it.
 */
export function KafkaApi(apiKey: number, { versions: [minVersion, maxVersion] }: { versions: readonly [number, number] }): ClassDecorator {
  return applyDecorators(Injectable(), KafkaApiMarker({ apiKey, minVersion, maxVersion }));
}

/** The declaration on a handler's class, or undefined when it has none. */
export function kafkaApiOf(handler: object): KafkaApiDeclaration | undefined {
  return Reflect.getMetadata(KafkaApiMarker.KEY, handler.constructor) as KafkaApiDeclaration | undefined;
}
