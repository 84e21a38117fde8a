import type { CommitSample } from './commit-history';
import type { OffsetPoint } from './end-offset-history';
import type { PartitionVerdict, VerdictEvidence } from './model';

export interface VerdictInput {
  nowMs: number;
  windowMs: number;
  /** Lag at or below this is "caught up" (Burrow's allowed-lag; 0 by default). */
  allowedLag: number;
  /** Current lag; null without a commit. */
  lag: number | null;
  /** Observed commits, oldest first (CommitHistory). */
  commits: readonly CommitSample[];
  /** The partition's end offset samples, oldest first (EndOffsetHistory). */
  endOffsets: readonly OffsetPoint[];
  /** A live group member owns this partition (the group has members and one is assigned it). */
  owned: boolean;
}

export interface VerdictResult {
  verdict: PartitionVerdict;
  evidence: VerdictEvidence;
}

/**
 * Burrow's partition evaluation (its wiki "Consumer Lag Evaluation Rules", restated in our research note),
 * over a time window of observed commits instead of a count of commits:
 *   1. no commit, or lag ≤ allowed → OK (a consumer caught up now is never in error);
 *   2. the offset has not moved for longer than the window (Burrow's "silence longer than the span the
 *      window covers", which a time window makes the same test), and the log end was above the commit at
 *      every sample of the window → STOP if no live member owns
 *      the partition (commits stopped), STALL if one does (it is in the group yet keeps the same offset:
 *      through the Admin API a repeated commit of one offset and no commit look alike, so ownership is
 *      what tells a stalled consumer from a gone one);
 *   3. an offset went back and no later commit reached it again → REWIND;
 *   4. some commit of the window was caught up → OK;
 *   5. at least two commits and lag never decreased from one to the next → WARN (moving, not catching up);
 *   6. otherwise OK.
 */
export function evaluatePartition(input: VerdictInput): VerdictResult {
  const inWindow = windowCommits(input.commits, input.nowMs - input.windowMs);
  const [verdict, reason] = judge(input, inWindow);
  // One evidence object per partition and sweep: the sweep judges every partition of every group.
  return { verdict, evidence: evidenceOf(inWindow, input.nowMs, input.windowMs, reason) };
}

function judge(input: VerdictInput, inWindow: readonly CommitSample[]): [PartitionVerdict, string] {
  const { nowMs, windowMs, allowedLag, lag, owned } = input;
  if (lag === null) return ['OK', 'no committed offset'];
  if (inWindow.length === 0) return ['OK', 'no commit observed yet'];
  if (lag <= allowedLag) return ['OK', `caught up (lag ${lag})`];

  const first = inWindow[0];
  const last = inWindow[inWindow.length - 1];
  const silenceMs = nowMs - last.atMs;
  if (silenceMs > windowMs && !caughtUpSince(input.endOffsets, last.offset, nowMs - windowMs)) {
    const secs = Math.round(silenceMs / 1000);
    return owned
      ? ['STALL', `offset ${last.offset} unchanged for ${secs} s while its member is in the group and lag is ${lag}`]
      : ['STOP', `no commit for ${secs} s while lag is ${lag} and no member consumes the partition`];
  }

  const rewind = findRewind(inWindow);
  if (rewind) return ['REWIND', `committed offset went back from ${rewind.from} to ${rewind.to}`];

  if (inWindow.some((c) => c.lag <= allowedLag)) return ['OK', 'caught up at a commit in the window'];

  if (inWindow.length >= 2 && inWindow.every((c, i) => i === 0 || c.lag >= inWindow[i - 1].lag)) {
    return ['WARN', `lag did not decrease over ${inWindow.length} commits (${first.lag} → ${last.lag})`];
  }
  return ['OK', 'lag decreasing'];
}

/** Commits within the window, plus the newest one even if older: it dates the silence. */
function windowCommits(commits: readonly CommitSample[], sinceMs: number): readonly CommitSample[] {
  let start = 0;
  while (start < commits.length - 1 && commits[start].atMs < sinceMs) start++;
  return start === 0 ? commits : commits.slice(start);
}

function caughtUpSince(points: readonly OffsetPoint[], committed: number, sinceMs: number): boolean {
  for (let i = points.length - 1; i >= 0 && points[i].atMs >= sinceMs; i--) {
    if (points[i].offset <= committed) return true;
  }
  return false;
}

/** Burrow master: the first drop in the window counts unless a later commit reaches the earlier offset again. */
function findRewind(commits: readonly CommitSample[]): { from: number; to: number } | null {
  for (let i = 1; i < commits.length; i++) {
    if (commits[i].offset < commits[i - 1].offset) {
      const from = commits[i - 1].offset;
      const recovered = commits.slice(i + 1).some((c) => c.offset >= from);
      return recovered ? null : { from, to: commits[i].offset };
    }
  }
  return null;
}

function evidenceOf(commits: readonly CommitSample[], nowMs: number, windowMs: number, reason: string): VerdictEvidence {
  const first = commits[0];
  const last = commits[commits.length - 1];
  return {
    reason,
    window_ms: windowMs,
    commits_in_window: commits.length,
    window_start_offset: first?.offset ?? null,
    window_end_offset: last?.offset ?? null,
    window_start_lag: first?.lag ?? null,
    window_end_lag: last?.lag ?? null,
    first_commit_age_ms: first ? nowMs - first.atMs : null,
    last_commit_age_ms: last ? nowMs - last.atMs : null,
  };
}
