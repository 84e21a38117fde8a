import type { IncomingHttpHeaders } from 'node:http';
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

/** The `access_token` query parameter when given exactly once: a repeated one is ambiguous and ignored. */
function queryToken(url: string | undefined): string | undefined {
  const start = url?.indexOf('?') ?? -1;
  if (url === undefined || start < 0) return undefined;
  const tokens = new URLSearchParams(url.slice(start + 1)).getAll('access_token');
  return tokens.length === 1 ? tokens[0] : undefined;
}

/**
 * Decides an HTTP request: its `Authorization: Bearer` header, or an `access_token` query parameter (given
 * once) for clients that cannot set headers. The guard decides every routed request with it, and a handler that
 * answers before routing must call it too.
 */
export function authorizeRequest(request: { headers: IncomingHttpHeaders; url?: string }, access: ApiAccess, options: ApiAuthOptions): ApiAuthDecision {
  const now = options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  return authorizeBearer({ authorization: request.headers.authorization, queryToken: queryToken(request.url) }, access, options.config, options.scopes, now);
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
    const request = context.switchToHttp().getRequest<Request>();
    const decision = authorizeRequest({ headers: request.headers, url: request.originalUrl }, mark ?? 'read', this.options);
    if (decision.ok) return true;
    if (decision.status === 401) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', `Bearer realm="${this.options.realm}", error="invalid_token"`);
    }
    throw new HttpException({ statusCode: decision.status, error: ERROR_NAMES[decision.status], message: decision.message }, decision.status);
  }
}
