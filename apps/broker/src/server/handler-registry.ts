import { Injectable } from '@nestjs/common';
import { API_CODECS, API_NAMES } from '@app/kafka-protocol';
import type { RequestContext } from './request-context';

/** Returned by a handler when the protocol wants no response at all (Produce with acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('kafka.no-response');
export type NoResponse = typeof NO_RESPONSE;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface KafkaHandler<Req = any, Res = any> {
  apiKey: number;
  /** The advertised range; it must lie inside the generated codec's range for this API. */
  minVersion: number;
  maxVersion: number;
  /**
   * True when nothing the handler keeps refers to the request's bytes once it has answered, so the connection may
   * reuse a pooled frame buffer then. Handlers that keep views (a JoinGroup member's metadata) leave it unset.
   */
  readonly keepsNoRequestBytesOnceAnswered?: boolean;
  handle(req: Req, ctx: RequestContext): Promise<Res | NoResponse> | Res | NoResponse;
}

/**
 * The API keys this broker answers, with their advertised versions. Modules register their handlers
 * at init; ApiVersions advertises exactly what is registered, and the server dispatches through it.
 */
@Injectable()
export class HandlerRegistry {
  private readonly handlers = new Map<number, KafkaHandler>();

  register(handler: KafkaHandler): void {
    const name = API_NAMES.get(handler.apiKey) ?? `api ${handler.apiKey}`;
    const codec = API_CODECS.get(handler.apiKey);
    if (!codec) throw new Error(`${name}: no generated codec for API key ${handler.apiKey}`);
    if (handler.minVersion < codec.minVersion || handler.maxVersion > codec.maxVersion || handler.minVersion > handler.maxVersion) {
      throw new Error(
        `${name}: versions ${handler.minVersion}-${handler.maxVersion} outside the codec's ${codec.minVersion}-${codec.maxVersion}`,
      );
    }
    if (this.handlers.has(handler.apiKey)) throw new Error(`${name}: a handler is already registered`);
    this.handlers.set(handler.apiKey, handler);
  }

  get(apiKey: number): KafkaHandler | undefined {
    return this.handlers.get(apiKey);
  }

  supports(apiKey: number, apiVersion: number): boolean {
    const h = this.handlers.get(apiKey);
    return h !== undefined && apiVersion >= h.minVersion && apiVersion <= h.maxVersion;
  }

  /** Registered APIs in key order, as ApiVersions advertises them. */
  advertised(): Array<{ apiKey: number; minVersion: number; maxVersion: number }> {
    return [...this.handlers.values()]
      .map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }
}
