/** Counters the coordinator reports as it works; the metrics class implements it, tests may ignore it. */
export interface CoordinatorObserver {
  heartbeat(errorCode: number): void;
  offsetsCommitted(count: number, errorCode: number): void;
  rebalanceStarted(): void;
  rebalanceCompleted(durationMs: number): void;
  memberExpired(kind: 'session' | 'pending' | 'rebalance' | 'sync'): void;
}

export const NOOP_OBSERVER: CoordinatorObserver = {
  heartbeat: () => undefined,
  offsetsCommitted: () => undefined,
  rebalanceStarted: () => undefined,
  rebalanceCompleted: () => undefined,
  memberExpired: () => undefined,
};
