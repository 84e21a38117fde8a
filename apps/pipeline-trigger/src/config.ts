import { ConfigOf, commonEnv, databaseEnv, kafkaEnv, portVar, redisEnv } from '@app/platform';
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
};

export type PipelineTriggerConfig = ConfigOf<typeof pipelineTriggerEnv>;
