import { randomBytes } from 'node:crypto';

/** A name no other test (or concurrent test run) uses, for Redis key prefixes, topics and groups. */
export function uniqueName(prefix = 'test'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
