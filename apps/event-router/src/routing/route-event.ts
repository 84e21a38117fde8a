import type { ChatEvent, GovernanceAlert, PipelineTriggerEvent } from '@app/domain';
import { CHAT_DONE_STAGE } from '@app/domain';
import type { Topic } from './routed-keys';

/** One event as it is stored in a routed stream and written to browsers. */
export interface RoutedEvent {
  topic: Topic;
  /** The SSE `event:` name: a chat event's stage, an alert's type, `trigger` for a pipeline trigger. */
  event: string;
  /** The SSE `data:` line: the event as compact JSON, so it never spans lines. */
  data: string;
}

export const PIPELINE_TRIGGER_EVENT = 'trigger';

/** An SSE field value must not contain a line break; any other character is allowed. */
function eventName(raw: string): string {
  return raw.replace(/[\r\n]+/g, ' ');
}

/** A chat event goes to its job's stream. */
export function routeChatEvent(event: ChatEvent): RoutedEvent {
  return { topic: { kind: 'job', jobId: event.job_id }, event: eventName(event.stage), data: JSON.stringify(event) };
}

export function routeAlert(alert: GovernanceAlert): RoutedEvent {
  return { topic: { kind: 'channel', channel: 'alerts' }, event: alert.type, data: JSON.stringify(alert) };
}

export function routePipelineTrigger(trigger: PipelineTriggerEvent): RoutedEvent {
  return { topic: { kind: 'channel', channel: 'pipelines' }, event: PIPELINE_TRIGGER_EVENT, data: JSON.stringify(trigger) };
}

/** A job's stream ends with its `done` event: the subscription closes after delivering it. */
export function endsSubscription(topic: Topic, event: string): boolean {
  return topic.kind === 'job' && event === CHAT_DONE_STAGE;
}
