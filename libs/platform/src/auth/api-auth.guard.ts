import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiAccess, ApiAuthConfig, ApiAuthDecision, ApiScopes, authorizeBearer } from './api-auth';
import { API_ACCESS_METADATA } from './requires-scope.decorator';

export interface ApiAuthOptions {
  config: ApiAuthConfig;
  scopes: ApiScopes;
  /** Names the service in `WWW-Authenticate`. */
  realm: string;
  nowSeconds?: () => number;
}

export const API_AUTH_OPTIONS = Symbol('API_AUTH_OPTIONS');

/**
 * Decides an Express request: its `Authorization: Bearer` header, or an `access_token` query parameter (given
 * once) for clients that cannot set headers. The guard decides every routed request with it, and a handler that
 * answers before routing must call it too.
 */
export function authorizeRequest(request: Pick<Request, 'headers' | 'query'>, access: ApiAccess, options: ApiAuthOptions): ApiAuthDecision {
  const queryToken = typeof request.query?.access_token === 'string' ? request.query.access_token : undefined;
  const now = options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  return authorizeBearer({ authorization: request.headers.authorization, queryToken }, access, options.config, options.scopes, now);
}

const ERROR_NAMES = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' } as const;

/**
 * Installed app-wide by `ApiAuthModule`. Secure by default: an HTTP route without a mark needs
 * read access, so a new endpoint cannot be left open by forgetting a decorator; `@PublicRoute()`
 * opens one on purpose. Only HTTP requests are checked here: a WebSocket upgrade calls
 * `authorizeBearer` itself with the `?access_token=` it was given.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_AUTH_OPTIONS) private readonly options: ApiAuthOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const mark = this.reflector.getAllAndOverride<ApiAccess | 'public' | undefined>(API_ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (mark === 'public') return true;
    const decision = authorizeRequest(context.switchToHttp().getRequest<Request>(), mark ?? 'read', this.options);
    if (decision.ok) return true;
    if (decision.status === 401) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', `Bearer realm="${this.options.realm}", error="invalid_token"`);
    }
    throw new HttpException({ statusCode: decision.status, error: ERROR_NAMES[decision.status], message: decision.message }, decision.status);
  }
}
