/** The channels a browser can subscribe to by name, and the stream each one is fed from. */
export const CHANNELS = ['alerts', 'pipelines'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export function isChannelName(name: string): name is ChannelName {
  return (CHANNELS as readonly string[]).includes(name);
}

/** What a browser subscribes to: one chat job, or one named channel. */
export type Topic = { kind: 'job'; jobId: string } | { kind: 'channel'; channel: ChannelName };

/**
 * Names of the short, capped streams every replica reads: one per job and one per channel.
 * The same name is the Pub/Sub channel that announces each new entry, so replicas that serve a
 * topic hear about entries without polling (Pub/Sub and keys are separate namespaces in Redis).
 */
export class RoutedKeys {
  constructor(private readonly prefix: string) {}

  forTopic(topic: Topic): string {
    return topic.kind === 'job' ? `${this.prefix}job:${topic.jobId}` : `${this.prefix}channel:${topic.channel}`;
  }

  /** How far a source stream has been routed (its last routed entry id), shared by all replicas. */
  watermark(sourceStream: string): string {
    return `${this.prefix}routed-upto:${sourceStream}`;
  }
}
