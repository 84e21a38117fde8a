import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { PATTERN_HANDLER_METADATA, PATTERN_METADATA, TRANSPORT_METADATA } from '@nestjs/microservices/constants';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum';

export interface DiscoveredEventHandler {
  pattern: string;
  /** Where it was found, for error messages. */
  owner: string;
  handler: (data: unknown, context: unknown) => unknown;
}

/**
 * Every `@EventPattern` method on the app's controllers and providers that is meant for this
 * transport (no transport given, or `transport`). This is what Nest's ListenersController does for
 * `connectMicroservice`; it is needed because services here run as plain HTTP apps.
 */
export function findEventHandlers(discovery: DiscoveryService, scanner: MetadataScanner, transport: symbol): DiscoveredEventHandler[] {
  const found: DiscoveredEventHandler[] = [];
  for (const wrapper of [...discovery.getControllers(), ...discovery.getProviders()]) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = prototype[name];
      if (typeof method !== 'function') continue;
      if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, method) !== PatternHandler.EVENT) continue;
      const declaredTransport: unknown = Reflect.getMetadata(TRANSPORT_METADATA, method);
      if (declaredTransport !== undefined && declaredTransport !== transport) continue;
      const patterns: unknown[] = Reflect.getMetadata(PATTERN_METADATA, method) ?? [];
      for (const pattern of patterns) {
        if (typeof pattern !== 'string') continue;
        found.push({ pattern, owner: `${instance.constructor.name}.${name}`, handler: (data, context) => (method as (...args: unknown[]) => unknown).call(instance, data, context) });
      }
    }
  }
  return found;
}
