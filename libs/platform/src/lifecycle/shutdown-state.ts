import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Flips as soon as shutdown starts, before any module stops, so readiness answers 503 and a
 * load balancer stops sending work while the service finishes what it holds. Whoever holds work
 * back (a batch waiting for its interval) registers `onBegin` to finish it now instead.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private shuttingDown = false;
  private readonly listeners: (() => void)[] = [];

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Calls `listener` once when shutdown begins (at once if it already has). */
  onBegin(listener: () => void): void {
    if (this.shuttingDown) listener();
    else this.listeners.push(listener);
  }

  begin(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const listener of this.listeners.splice(0)) listener();
  }

  beforeApplicationShutdown(): void {
    this.begin();
  }
}
