import type { RedisClient } from '@app/platform';
import type { Logger } from 'pino';
import { fieldsToRecord } from '@app/domain';
import { compareStreamIds, exclusiveStart } from '../cursor/stream-id';
import type { Topic } from '../routing/routed-keys';
import type { SseConnection } from '../sse/sse-connection';
import { eventFrame, parseAnnouncement, SseFrame } from '../sse/sse-frame';
import type { Announcements } from './announcements';

interface TopicState {
  topic: Topic;
  connections: Set<SseConnection>;
  /** Settles when Redis acknowledged the SUBSCRIBE: only then is nothing published missed. */
  subscribed: Promise<unknown>;
  /** The newest routed id this replica has seen for the topic (delivered live, or replayed). */
  lastId: string | undefined;
  /** While the Pub/Sub connection is re-established, announcements wait here until the gap is read back. */
  held: SseFrame[] | null;
}

/**
 * The replica's side of the fan-out: one Pub/Sub subscriber (sharded on a cluster) to the routed stream of
 * every topic that has a local client, dispatching each announcement to those clients. Pub/Sub
 * loses what is published while the connection is down, so after a reconnect each topic reads
 * the gap back from its routed stream before live announcements flow again.
 */
export class LiveHub {
  private readonly topics = new Map<string, TopicState>();
  private resyncNeeded = false;

  constructor(
    private readonly subscriber: Announcements,
    private readonly reader: RedisClient,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.onAnnouncement(channel, message));
    subscriber.on('down', () => this.holdAll());
    subscriber.on('error', (error: Error) => this.logger.warn({ err: error }, 'Pub/Sub connection error'));
    subscriber.on('up', () => void this.resync());
  }

  /** Registers the connection's live listener; resolves once announcements for its topic are flowing. */
  async join(connection: SseConnection): Promise<void> {
    let state = this.topics.get(connection.key);
    if (!state) {
      state = { topic: connection.topic, connections: new Set(), subscribed: this.subscriber.subscribe(connection.key), lastId: undefined, held: null };
      this.topics.set(connection.key, state);
    }
    state.connections.add(connection);
    await state.subscribed;
  }

  leave(connection: SseConnection): void {
    const state = this.topics.get(connection.key);
    if (!state || !state.connections.delete(connection) || state.connections.size > 0) return;
    this.topics.delete(connection.key);
    this.subscriber.unsubscribe(connection.key).catch((error: Error) => this.logger.warn({ err: error, key: connection.key }, 'unsubscribe failed'));
  }

  /** Records an id read from the topic's stream directly, the point a later gap is read back from. */
  noteSeen(key: string, id: string | undefined): void {
    const state = this.topics.get(key);
    if (state && id !== undefined && (state.lastId === undefined || compareStreamIds(id, state.lastId) > 0)) state.lastId = id;
  }

  forEachConnection(visit: (connection: SseConnection) => void): void {
    for (const state of this.topics.values()) for (const connection of state.connections) visit(connection);
  }

  private onAnnouncement(channel: string, message: string): void {
    const state = this.topics.get(channel);
    if (!state) return;
    const parsed = parseAnnouncement(message);
    if (!parsed) {
      this.logger.warn({ channel }, 'ignoring a malformed announcement');
      return;
    }
    const frame = eventFrame(state.topic, parsed.id, parsed.event, parsed.data);
    if (state.held) state.held.push(frame);
    else this.dispatch(state, frame);
  }

  private dispatch(state: TopicState, frame: SseFrame): void {
    if (state.lastId === undefined || compareStreamIds(frame.id, state.lastId) > 0) state.lastId = frame.id;
    for (const connection of state.connections) connection.offer(frame);
  }

  private holdAll(): void {
    this.resyncNeeded = true;
    for (const state of this.topics.values()) state.held ??= [];
  }

  private async resync(): Promise<void> {
    if (!this.resyncNeeded) return;
    this.resyncNeeded = false;
    for (const [key, state] of this.topics) {
      if (!state.held) continue;
      try {
        const entries = await this.reader.xrange(key, state.lastId === undefined ? '-' : exclusiveStart(state.lastId), '+');
        for (const [id, flat] of entries) {
          const fields = fieldsToRecord(flat);
          this.dispatch(state, eventFrame(state.topic, id, fields.event ?? 'message', fields.data ?? 'null'));
        }
      } catch (error) {
        // The clients of this topic cannot be told what they missed: close them so they resume from their cursors.
        this.logger.error({ err: error, key }, 'could not read back the gap after a Pub/Sub reconnect; closing its clients');
        for (const connection of state.connections) connection.close('shutdown');
      }
      const held = state.held ?? [];
      state.held = null;
      for (const frame of held) this.dispatch(state, frame);
    }
  }
}
