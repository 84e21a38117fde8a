import { ConfigOf, apiAuthEnv, commonEnv, databaseEnv, intVar, kafkaEnv, optionalStringVar, portVar, redisEnv } from '@app/platform';
import { engineEnv } from './engine/engine-env';

export const SERVICE_NAME = 'pipeline-trigger';

/** Every variable pipeline-trigger reads; README.md documents each one. */
export const pipelineTriggerEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  ...databaseEnv,
  ...kafkaEnv,
  HTTP_PORT: portVar(3002),
  ...engineEnv,
  ...apiAuthEnv,
  // Consumers defined by a file (JSON or YAML, by extension); the REST API adds more, stored in Postgres.
  PIPELINE_CONSUMERS_FILE: optionalStringVar({ expected: 'the path of a JSON or YAML consumers file, or unset' }),
  // How often a replica re-reads the consumers table to apply changes made through another replica's API.
  CONSUMERS_SYNC_INTERVAL_MS: intVar({ default: 5_000, min: 200, max: 300_000 }),
};

export type PipelineTriggerConfig = ConfigOf<typeof pipelineTriggerEnv>;
