import type { WebSocket } from 'ws';
import type { GovernanceReadModel } from '../governance/governance-read-model';
import { buildLiveFrame, LiveFrame } from './live-frame';
import { LIVE_CLOSE } from './live-request';

/** A client that has this much unsent data skips frames until it catches up, rather than grow our memory. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface LiveConnectionEvents {
  sent(): void;
  skipped(): void;
  closed(connection: LiveConnection): void;
}

/** RFC 6455 §5.5 limits a close frame's payload to 125 bytes: 2 for the code, 123 for the reason in UTF-8. */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= 123) return text;
  let cut = text;
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * One subscriber of one group: pushes a frame now and then every `intervalSeconds`, from the
 * snapshot the collector serves (never a call to the cluster). Its only timer is cleared on every
 * way the socket can end (close, error, the token expiring, the group disappearing, shutdown), so a
 * client that vanishes mid-stream leaves nothing behind and never touches other connections.
 */
export class LiveConnection {
  private timer: NodeJS.Timeout | undefined;
  private last: LiveFrame | undefined;
  private done = false;
  alive = true;

  constructor(
    private readonly socket: WebSocket,
    private readonly readModel: GovernanceReadModel,
    readonly clusterId: string,
    readonly groupId: string,
    private readonly intervalSeconds: number,
    /** ms since epoch when the token expires; Infinity for tokens without `exp` and with auth off. */
    private readonly expiresAt: number,
    private readonly events: LiveConnectionEvents,
    private readonly now: () => Date = () => new Date(),
  ) {
    socket.on('pong', () => (this.alive = true));
    socket.on('close', () => this.finish());
    socket.on('error', () => this.finish());
  }

  start(): void {
    this.push();
    if (!this.done) this.timer = setInterval(() => this.push(), this.intervalSeconds * 1000);
  }

  /** Ends the connection from our side (shutdown, token expiry, group gone). */
  close(code: number, reason: string): void {
    this.finish();
    this.socket.close(code, closeReason(reason));
  }

  /** Liveness round: a peer that did not answer the previous ping is cut (half-open TCP never says `close`). */
  ping(): void {
    if (!this.alive) {
      this.finish();
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  private push(): void {
    if (this.done) return;
    const now = this.now();
    if (now.getTime() >= this.expiresAt) return this.close(LIVE_CLOSE.unauthorized, 'the access token expired');
    const detail = this.readModel.group(this.clusterId, this.groupId);
    if (!detail) return this.close(LIVE_CLOSE.notFound, `consumer group ${this.groupId} no longer exists in cluster ${this.clusterId}`);
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) return this.events.skipped();
    const frame = buildLiveFrame(detail, this.readModel.health(this.clusterId, this.groupId), this.last, now);
    this.last = frame;
    this.socket.send(JSON.stringify(frame));
    this.events.sent();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.events.closed(this);
  }
}
