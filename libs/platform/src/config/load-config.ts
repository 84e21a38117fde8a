import { ConfigError, ConfigIssue } from './config-error';
import { EnvVar } from './env-vars';

export type EnvSpec = Record<string, EnvVar<unknown>>;
export type ConfigOf<S extends EnvSpec> = { [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

/**
 * Reads every variable of the spec from the environment and reports all bad ones at once,
 * so an operator fixes a deployment in one round rather than one variable per restart.
 */
export function loadConfig<S extends EnvSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const issues: ConfigIssue[] = [];
  const config: Record<string, unknown> = {};
  for (const [variable, envVar] of Object.entries(spec)) {
    const result = envVar.parse(env[variable]);
    if (result.ok) {
      config[variable] = result.value;
    } else {
      issues.push({ variable, value: env[variable], expected: envVar.expected });
    }
  }
  if (issues.length > 0) {
    throw new ConfigError(issues);
  }
  return config as ConfigOf<S>;
}
