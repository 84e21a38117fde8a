export * from './create-root-logger';
export * from './logging.module';
