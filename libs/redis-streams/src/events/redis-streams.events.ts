export enum RedisStreamsStatus {
  CONNECTING = 'connecting',
  LISTENING = 'listening',
  DRAINING = 'draining',
  CLOSED = 'closed',
}

/** Events of RedisStreamsServer, for `server.on(event, callback)`. */
export type RedisStreamsEvents = {
  /** Reading has stopped for shutdown: whoever buffers entries should finish them now. */
  draining: () => void;
  /** A Redis or handler error the server recovered from (it retries); for logs and tests. */
  error: (error: Error) => void;
};
