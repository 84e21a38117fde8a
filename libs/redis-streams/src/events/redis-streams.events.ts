export enum RedisStreamsStatus {
  CONNECTING = 'connecting',
  LISTENING = 'listening',
  DRAINING = 'draining',
  CLOSED = 'closed',
}

/** Events of RedisStreamsServer, for `server.on(event, callback)`. */
export type RedisStreamsEvents = {
  /** A Redis or handler error the server recovered from (it retries); for logs and tests. */
  error: (error: Error) => void;
};
