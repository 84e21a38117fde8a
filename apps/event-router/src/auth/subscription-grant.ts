import type { Topic } from '../routing/routed-keys';

/**
 * What a token lets its holder read: claims `jobs` and `channels`, each a list of ids, where
 * `"*"` means all of that kind. Example payload: `{"sub":"user-1","exp":1767225600,"jobs":["job-42"],"channels":["alerts"]}`.
 */
export interface SubscriptionGrant {
  jobs: readonly string[];
  channels: readonly string[];
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

export function grantFromClaims(claims: Record<string, unknown>): { ok: true; grant: SubscriptionGrant } | { ok: false; reason: string } {
  const jobs = stringList(claims.jobs);
  const channels = stringList(claims.channels);
  if (!jobs || !channels) return { ok: false, reason: 'token claims "jobs" and "channels" must be lists of strings' };
  return { ok: true, grant: { jobs, channels } };
}

export function grantAllows(grant: SubscriptionGrant, topic: Topic): boolean {
  const list = topic.kind === 'job' ? grant.jobs : grant.channels;
  const id = topic.kind === 'job' ? topic.jobId : topic.channel;
  return list.includes('*') || list.includes(id);
}
