import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * A handler's failure reaches the transport as the error it threw. Nest's default RPC filter
 * logs it at error level and replaces it with `{ status: 'error', message: 'Internal server
 * error' }`, which suits a reply to a remote caller; here nobody is waiting for a reply, a throw
 * means "retry this batch later" (a dependency is down), and the transport logs each failure
 * once with its message. Put on every `@StreamEntries` handler; an app's own filters still run
 * first when it registers them on the method or class.
 */
@Catch()
export class RethrowHandlerErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
