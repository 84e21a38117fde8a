import { ConfigOf } from '../config/load-config';
import { EnvVar, boolVar, optionalStringVar } from '../config/env-vars';
import type { ApiAuthConfig } from './api-auth';

/** Static tokens: comma-separated, each 16+ characters without blanks or commas, as a Secret would hold them. */
function tokenListVar(): EnvVar<string[]> {
  return {
    expected: 'a comma-separated list of tokens of at least 16 characters without blanks, or unset',
    parse: (raw) => {
      if (raw === undefined || raw.trim() === '') return { ok: true, value: [] };
      const tokens = raw.split(',').map((token) => token.trim());
      return tokens.every((token) => /^[^\s,]{16,}$/.test(token)) ? { ok: true, value: tokens } : { ok: false };
    },
  };
}

/** The access-control variables of a service's HTTP API (monitor-api, pipeline-trigger); README.md documents them. */
export const apiAuthEnv = {
  API_AUTH_DISABLED: boolVar(false),
  API_JWT_SECRET: optionalStringVar({ pattern: /^.{32,}$/, expected: 'a secret of at least 32 characters, or unset' }),
  API_READ_TOKENS: tokenListVar(),
  API_WRITE_TOKENS: tokenListVar(),
};

export function apiAuthConfigFrom(config: ConfigOf<typeof apiAuthEnv>): ApiAuthConfig {
  return { disabled: config.API_AUTH_DISABLED, jwtSecret: config.API_JWT_SECRET, readTokens: config.API_READ_TOKENS, writeTokens: config.API_WRITE_TOKENS };
}
