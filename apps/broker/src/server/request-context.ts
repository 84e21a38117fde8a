import type { ConnectionSession } from './connection-session';
import type { RequestBytes } from './request-bytes';

/** What a handler knows about the request besides its body. */
export interface RequestContext {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  /** Remote address of the connection. */
  clientHost: string;
  connectionId: number;
  /** The SASL-authenticated user, or null when SASL is off. */
  principal: string | null;
  /** Aborted when the connection closes or the server shuts down; long waits must end early on it. */
  signal: AbortSignal;
  /** Mutable per-connection state (SASL progress, produce ordering). */
  session: ConnectionSession;
  /**
   * Runs `callback` once the response has been handed to the kernel, or once it is certain never to be
   * written (no response, connection closed): buffers the response references may be reused from then on.
   */
  afterResponseWritten(callback: () => void): void;
  /** The request frame's bytes: retain them to keep a view of the request past the response (see request-bytes.ts). */
  requestBytes: RequestBytes;
}
