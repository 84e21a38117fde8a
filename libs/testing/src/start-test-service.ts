import { EventEmitter } from 'node:events';
import { RunningService, runService, ServiceDefinition, type EnvSpec, type ConfigOf } from '@app/platform';

export interface TestService<C> extends RunningService<C> {
  baseUrl: string;
  /** Delivers SIGTERM as the process would receive it and resolves with the exit code the service chose. */
  sigterm(): Promise<number>;
}

/**
 * Runs a service in the test process exactly as its main.ts does (config from env, logging,
 * HTTP, shutdown on SIGTERM) but on an ephemeral port, with signals and exit captured instead of
 * reaching the Jest worker.
 */
export async function startTestService<S extends EnvSpec>(definition: ServiceDefinition<S>, env: Record<string, string>): Promise<TestService<ConfigOf<S>>> {
  const signals = new EventEmitter();
  let exitCode: number | undefined;
  const running = await runService(definition, {
    signals: signals as unknown as Pick<NodeJS.Process, 'once'>,
    exit: (code) => {
      exitCode ??= code;
    },
    env: { LOG_LEVEL: 'warn', ...env },
  });
  if (!running) throw new Error(`${definition.serviceName} did not start (exit code ${exitCode})`);
  return {
    ...running,
    baseUrl: `http://127.0.0.1:${running.port}`,
    sigterm: async () => {
      signals.emit('SIGTERM');
      return running.stopped;
    },
  };
}
