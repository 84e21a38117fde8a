export * from './broker-identity';
export * from './handler-registry';
export * from './kafka-server';
export * from './kafka-server.module';
export * from './kafka-server-options';
export * from './protocol-metrics';
export * from './request-context';
export * from './connection-session';
