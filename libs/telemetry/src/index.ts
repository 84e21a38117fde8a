export * from './batch-span';
export * from './start-telemetry';
export * from './trace-context';
