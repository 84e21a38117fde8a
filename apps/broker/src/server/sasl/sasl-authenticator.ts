import { PlainExchange } from './plain-exchange';
import type { SaslMechanism, SaslOptions } from './sasl-config';
import type { SaslExchange } from './sasl-exchange';
import { deriveScramCredential, ScramExchange, type ScramCredential } from './scram-exchange';

/** Starts SASL exchanges for the configured mechanisms and users; SCRAM keys are derived once here. */
export class SaslAuthenticator {
  private readonly scram256 = new Map<string, ScramCredential>();
  private readonly scram512 = new Map<string, ScramCredential>();

  constructor(readonly options: SaslOptions) {
    if (!options.enabled) return;
    for (const [user, password] of options.users) {
      if (options.mechanisms.includes('SCRAM-SHA-256')) this.scram256.set(user, deriveScramCredential('sha256', password));
      if (options.mechanisms.includes('SCRAM-SHA-512')) this.scram512.set(user, deriveScramCredential('sha512', password));
    }
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** Mechanisms a client may pick: none when SASL is off. */
  get mechanisms(): string[] {
    return this.options.enabled ? [...this.options.mechanisms] : [];
  }

  start(mechanism: string): SaslExchange | undefined {
    if (!this.mechanisms.includes(mechanism)) return undefined;
    switch (mechanism as SaslMechanism) {
      case 'PLAIN':
        return new PlainExchange(this.options.users);
      case 'SCRAM-SHA-256':
        return new ScramExchange('sha256', this.scram256);
      case 'SCRAM-SHA-512':
        return new ScramExchange('sha512', this.scram512);
    }
  }
}
