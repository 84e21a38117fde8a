export * from './kafka.module';
export * from './kafkajs-log-creator';
