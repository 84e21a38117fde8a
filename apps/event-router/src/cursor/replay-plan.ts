import { CHAT_DONE_STAGE } from '@app/domain';
import type { Topic } from '../routing/routed-keys';
import type { ResetReason } from '../sse/sse-frame';
import { compareStreamIds } from './stream-id';

/** What the routed stream holds around a client's cursor, read after its live listener is registered. */
export interface StreamFacts {
  /** The event name of the entry at the cursor, when that entry is still retained. */
  cursorEvent: string | undefined;
  oldestId: string | undefined;
}

export type ReplayPlan =
  /** Nothing to replay: deliver live events from now on. */
  | { action: 'live' }
  /** Replay entries after `after` (all retained entries when undefined), optionally announcing a reset first. */
  | { action: 'replay'; after: string | undefined; reset?: { reason: ResetReason; cursor: string; oldestId: string | undefined } }
  /** The client already has the job's `done` event: there is nothing more to send. */
  | { action: 'ended' };

/**
 * Decides how a subscription starts. A job without a cursor gets everything retained (the page
 * opened after the job began); a channel without a cursor starts live. A cursor that is still in
 * the stream resumes right after it. A cursor that is not (trimmed, expired, or never issued
 * here) gets an explicit reset and then everything retained, never a silent partial replay.
 */
export function planReplay(topic: Topic, cursor: string | undefined, facts: StreamFacts): ReplayPlan {
  if (cursor === undefined) return topic.kind === 'job' ? { action: 'replay', after: undefined } : { action: 'live' };
  if (facts.cursorEvent !== undefined) {
    if (topic.kind === 'job' && facts.cursorEvent === CHAT_DONE_STAGE) return { action: 'ended' };
    return { action: 'replay', after: cursor };
  }
  const trimmed = facts.oldestId !== undefined && compareStreamIds(cursor, facts.oldestId) < 0;
  return { action: 'replay', after: undefined, reset: { reason: trimmed ? 'cursor_trimmed' : 'unknown_cursor', cursor, oldestId: facts.oldestId } };
}
