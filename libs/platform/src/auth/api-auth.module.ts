import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { API_AUTH_OPTIONS, ApiAuthGuard, ApiAuthOptions } from './api-auth.guard';

/**
 * Bearer-token access control for a service's HTTP API: `ApiAuthModule.forRoot({ config:
 * apiAuthConfigFrom(config), scopes: { read: 'monitor:read', write: 'monitor:write' }, realm:
 * 'monitor-api' })`, then `@RequiresScope('write')` on what changes state and `@PublicRoute()` on
 * what must stay open. The options are exported so a WebSocket gateway can decide its upgrades
 * with the same settings.
 */
@Module({})
export class ApiAuthModule {
  static forRoot(options: ApiAuthOptions): DynamicModule {
    return {
      module: ApiAuthModule,
      global: true,
      providers: [{ provide: API_AUTH_OPTIONS, useValue: options }, { provide: APP_GUARD, useClass: ApiAuthGuard }],
      exports: [API_AUTH_OPTIONS],
    };
  }
}
