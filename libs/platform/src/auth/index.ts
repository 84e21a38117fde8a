export * from './hmac-jwt';
export * from './bearer-token';
export * from './api-auth';
export * from './api-auth-env';
export * from './api-auth.guard';
export * from './api-auth.module';
export * from './requires-scope.decorator';
