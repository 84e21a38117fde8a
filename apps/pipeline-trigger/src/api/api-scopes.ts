import type { ApiScopes } from '@app/platform';

/** The JWT scopes of pipeline-trigger's API: reads (list, info, history) and changes (create, update, delete, pause, resume). */
export const API_SCOPES: ApiScopes = { read: 'pipelines:read', write: 'pipelines:write' };
