import { boolVar, ConfigError, ConfigOf, EnvVar } from '@app/platform';

export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SaslOptions {
  enabled: boolean;
  mechanisms: SaslMechanism[];
  /** user name -> password */
  users: ReadonlyMap<string, string>;
}

export const SASL_DISABLED: SaslOptions = { enabled: false, mechanisms: [...SASL_MECHANISMS], users: new Map() };

const mechanismsVar: EnvVar<SaslMechanism[]> = {
  expected: `a comma-separated subset of ${SASL_MECHANISMS.join(', ')}`,
  parse: (raw) => {
    if (raw === undefined || raw.trim() === '') return { ok: true, value: [...SASL_MECHANISMS] };
    const mechanisms = raw.split(',').map((m) => m.trim().toUpperCase());
    return mechanisms.every((m) => (SASL_MECHANISMS as readonly string[]).includes(m)) ? { ok: true, value: mechanisms as SaslMechanism[] } : { ok: false };
  },
};

/** "alice:secret,bob:pa:ss": the first colon separates user and password, so passwords may hold colons. */
const usersVar: EnvVar<ReadonlyMap<string, string>> = {
  expected: 'a comma-separated list of user:password',
  parse: (raw) => {
    const users = new Map<string, string>();
    for (const entry of (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
      const colon = entry.indexOf(':');
      if (colon <= 0) return { ok: false };
      users.set(entry.slice(0, colon), entry.slice(colon + 1));
    }
    return { ok: true, value: users };
  },
};

/** SASL on the Kafka listener: off by default (development); users come from the environment. */
export const saslEnv = {
  BROKER_SASL_ENABLED: boolVar(false),
  BROKER_SASL_MECHANISMS: mechanismsVar,
  BROKER_SASL_USERS: usersVar,
};

export function saslOptionsFrom(config: ConfigOf<typeof saslEnv>): SaslOptions {
  if (config.BROKER_SASL_ENABLED && config.BROKER_SASL_USERS.size === 0) {
    throw new ConfigError([{ variable: 'BROKER_SASL_USERS', value: '', expected: 'at least one user:password while BROKER_SASL_ENABLED is true' }]);
  }
  return { enabled: config.BROKER_SASL_ENABLED, mechanisms: config.BROKER_SASL_MECHANISMS, users: config.BROKER_SASL_USERS };
}
