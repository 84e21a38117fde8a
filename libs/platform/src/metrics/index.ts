export * from './create-registry';
export * from './metrics.controller';
export * from './labelled-children';
