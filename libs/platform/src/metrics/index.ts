export * from './create-registry';
export * from './metrics.controller';
