import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ConfigError, formatConfigIssue } from '../config/config-error';
import { ConfigOf, EnvSpec, loadConfig } from '../config/load-config';
import { LogLevel } from '../config/common-env';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { createRootLogger } from '../logging/create-root-logger';

type CommonConfig = { LOG_LEVEL: LogLevel; SHUTDOWN_GRACE_PERIOD_MS: number };

export interface ServiceDefinition<S extends EnvSpec> {
  serviceName: string;
  env: S;
  module: (config: ConfigOf<S>, logger: Logger) => DynamicModule;
  httpPort: (config: ConfigOf<S>) => number;
  /**
   * Runs once the application and its providers exist, before it initialises: Express middleware added here with
   * `app.use` runs ahead of body parsing, Nest's middleware, guards and routing; a transport connected here with
   * `app.connectMicroservice` (a hybrid app) starts once the modules are initialised, before the HTTP listener.
   */
  beforeInit?: (app: INestApplication, logger: Logger) => void;
  /** Runs after the application closed and before the process exits, e.g. to flush trace exporters. */
  afterStop?: () => Promise<void>;
}

export interface ServiceProcess {
  /** Where SIGTERM/SIGINT arrive; the process itself unless a test supplies its own emitter. */
  signals: Pick<NodeJS.Process, 'once'>;
  exit: (code: number) => void;
  env: NodeJS.ProcessEnv;
}

export interface RunningService<C> {
  app: INestApplication;
  config: C;
  logger: Logger;
  port: number;
  /** Resolves with the exit code once a shutdown completed (or its grace period ran out). */
  stopped: Promise<number>;
}

/**
 * Starts a service: validated configuration, JSON logging, HTTP listener, and a graceful stop on
 * SIGTERM/SIGINT (readiness off at once, modules stop and flush, connections close, exit 0), bounded
 * by SHUTDOWN_GRACE_PERIOD_MS after which the process exits 1 rather than hang a rollout.
 */
export async function runService<S extends EnvSpec>(
  definition: ServiceDefinition<S>,
  host: ServiceProcess = { signals: process, exit: (code) => process.exit(code), env: process.env },
): Promise<RunningService<ConfigOf<S>> | undefined> {
  let config: ConfigOf<S> & CommonConfig;
  try {
    config = loadConfig(definition.env, host.env) as ConfigOf<S> & CommonConfig;
  } catch (error) {
    if (error instanceof ConfigError) {
      const logger = createRootLogger(definition.serviceName, 'info', process.stderr);
      for (const issue of error.issues) logger.fatal({ variable: issue.variable, expected: issue.expected }, formatConfigIssue(issue));
      host.exit(1);
      return undefined;
    }
    throw error;
  }

  const logger = createRootLogger(definition.serviceName, config.LOG_LEVEL);
  let app: INestApplication;
  try {
    app = await NestFactory.create(definition.module(config, logger), { bufferLogs: true, abortOnError: false });
    app.useLogger(app.get(NestPinoLogger));
    definition.beforeInit?.(app, logger);
    // Modules initialise (onModuleInit, onApplicationBootstrap) before a connected transport hands
    // its handlers any work; `app.close()` closes the transports after beforeApplicationShutdown.
    await app.init();
    await app.startAllMicroservices();
    await app.listen(definition.httpPort(config));
  } catch (error) {
    // A module may find settings that are valid one by one but not together; they read like any other bad variable.
    if (error instanceof ConfigError) {
      for (const issue of error.issues) logger.fatal({ variable: issue.variable, expected: issue.expected }, formatConfigIssue(issue));
    } else {
      logger.fatal({ err: error }, 'start-up failed');
    }
    logger.flush();
    host.exit(1);
    return undefined;
  }

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : definition.httpPort(config);
  logger.info({ port }, `${definition.serviceName} started`);

  let resolveStopped: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (resolveStopped = resolve));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, gracePeriodMs: config.SHUTDOWN_GRACE_PERIOD_MS }, 'shutting down');
    app.get(ShutdownState).begin();
    const deadline = setTimeout(() => {
      logger.error({ gracePeriodMs: config.SHUTDOWN_GRACE_PERIOD_MS }, 'shutdown grace period exceeded, exiting');
      logger.flush();
      resolveStopped(1);
      host.exit(1);
    }, config.SHUTDOWN_GRACE_PERIOD_MS);
    deadline.unref();
    let code = 0;
    try {
      await app.close();
      logger.info('stopped');
    } catch (error) {
      code = 1;
      logger.error({ err: error }, 'error during shutdown');
    }
    await definition.afterStop?.().catch((error: unknown) => logger.warn({ err: error }, 'after-stop hook failed'));
    clearTimeout(deadline);
    logger.flush();
    resolveStopped(code);
    host.exit(code);
  };
  host.signals.once('SIGTERM', () => void stop('SIGTERM'));
  host.signals.once('SIGINT', () => void stop('SIGINT'));

  return { app, config, logger, port, stopped };
}
