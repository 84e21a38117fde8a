export * from './test-database';
export * from './wait-for';
export * from './unique-name';
export * from './start-test-service';
export * from './tcp-proxy';
export * from './service-process';
export * from './redis-sentinel';
export * from './broker-process';
