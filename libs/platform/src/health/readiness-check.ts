/**
 * A dependency the service cannot do its job without. `check` resolves when the dependency
 * answers and rejects with a message naming what is wrong when it does not.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
