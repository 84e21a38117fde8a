import { hostname } from 'node:os';

/**
 * One consumer name per process: the pod name (HOSTNAME in Kubernetes) plus the pid, so two
 * processes never share a pending list, and a container restarted in the same pod (pid 1 again)
 * finds its own pending entries.
 */
export function defaultConsumerName(env: NodeJS.ProcessEnv = process.env, pid: number = process.pid): string {
  const host = env.HOSTNAME?.trim() || hostname();
  return `${host}-${pid}`;
}
