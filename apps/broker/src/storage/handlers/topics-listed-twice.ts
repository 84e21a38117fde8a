import { ErrorCode } from '@app/kafka-protocol';

/**
 * CreateTopics and CreatePartitions: a topic the request names more than once is refused entry by entry with
 * INVALID_REQUEST (as Apache answers), and nothing is done for it.
 */
export function topicsListedTwice(topics: readonly { name: string }[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { name } of topics) (seen.has(name) ? twice : seen).add(name);
  return twice;
}

/** The answer for such an entry. */
export function listedTwiceResult(name: string) {
  return { name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `topic "${name}" is listed more than once` };
}
