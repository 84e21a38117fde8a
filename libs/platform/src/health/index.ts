export * from './readiness-check';
export * from './run-readiness-checks';
export * from './health.controller';
