import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Flips as soon as shutdown starts, before any module stops, so readiness answers 503 and a
 * load balancer stops sending work while the service finishes what it holds.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  begin(): void {
    this.shuttingDown = true;
  }

  beforeApplicationShutdown(): void {
    this.begin();
  }
}
