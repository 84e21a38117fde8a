/**
 * Prints an HS256 token for the router, signed with SSE_JWT_SECRET, listing what it may read.
 *
 *   SSE_JWT_SECRET=... npx tsx apps/event-router/scripts/mint-token.ts --jobs job-1,job-2 --channels alerts --ttl 3600
 *
 * `*` grants every job (or channel). The token goes in `Authorization: Bearer <token>` or `?access_token=<token>`.
 */
import { parseArgs } from 'node:util';
import { signHs256Jwt } from '@app/platform';

const { values } = parseArgs({
  options: { jobs: { type: 'string', default: '' }, channels: { type: 'string', default: '' }, ttl: { type: 'string', default: '3600' }, sub: { type: 'string', default: 'dev' } },
});
const secret = process.env.SSE_JWT_SECRET ?? '';
const ttl = Number(values.ttl);
if (secret.length < 32) {
  console.error('SSE_JWT_SECRET must be set to the router\'s secret (at least 32 characters)');
  process.exit(1);
}
if (!Number.isInteger(ttl) || ttl <= 0) {
  console.error(`--ttl must be a positive number of seconds, got ${JSON.stringify(values.ttl)}`);
  process.exit(1);
}
const list = (raw: string) => raw.split(',').map((item) => item.trim()).filter(Boolean);
console.log(signHs256Jwt({ sub: values.sub, exp: Math.floor(Date.now() / 1000) + ttl, jobs: list(values.jobs), channels: list(values.channels) }, secret));
