import { SetMetadata } from '@nestjs/common';
import type { ApiAccess } from './api-auth';

export const API_ACCESS_METADATA = 'api-auth:access';

/** What a controller or handler needs once `ApiAuthModule` is installed; the handler's own mark wins over its controller's. */
export const RequiresScope = (access: ApiAccess) => SetMetadata(API_ACCESS_METADATA, access);

/** Open without a token: probes, Prometheus, static assets. Everything else needs at least read access. */
export const PublicRoute = () => SetMetadata(API_ACCESS_METADATA, 'public');
