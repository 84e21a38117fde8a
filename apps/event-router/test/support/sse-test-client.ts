import http from 'node:http';

export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * A minimal EventSource for tests: one HTTP request, an SSE parser, the status and headers,
 * every event and comment received, and the socket itself so a test can stop reading from it.
 */
export class SseTestClient {
  readonly events: ReceivedEvent[] = [];
  comments = 0;
  retryMs: number | undefined;
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  body = '';
  ended = false;
  readonly response: Promise<void>;
  readonly closed: Promise<void>;
  private request!: http.ClientRequest;
  private incoming: http.IncomingMessage | undefined;
  private buffer = '';
  private pending: { id?: string; event?: string; data: string[] } = { data: [] };

  constructor(url: string, headers: Record<string, string> = {}) {
    let closedResolve: () => void = () => undefined;
    this.closed = new Promise((resolve) => (closedResolve = resolve));
    this.response = new Promise((resolve, reject) => {
      this.request = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        this.incoming = res;
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (this.status === 200 ? this.parse(chunk) : (this.body += chunk)));
        res.on('close', () => {
          this.ended = true;
          closedResolve();
        });
        resolve();
      });
      this.request.on('error', (error) => {
        this.ended = true;
        closedResolve();
        reject(error);
      });
    });
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseTestClient> {
    const client = new SseTestClient(url, headers);
    await client.response;
    return client;
  }

  get lastEventId(): string | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) if (this.events[i].id !== undefined) return this.events[i].id;
    return undefined;
  }

  ids(): string[] {
    return this.events.filter((e) => e.id !== undefined).map((e) => e.id as string);
  }

  dataOf(event?: string): unknown[] {
    return this.events.filter((e) => event === undefined || e.event === event).map((e) => JSON.parse(e.data) as unknown);
  }

  /** Stops reading: the kernel buffers fill and then the server sees a client that cannot keep up. */
  pause(): void {
    this.incoming?.pause();
    this.incoming?.socket.pause();
  }

  close(): void {
    this.request.destroy();
  }

  private parse(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.pending.data.length > 0) this.events.push({ id: this.pending.id, event: this.pending.event ?? 'message', data: this.pending.data.join('\n') });
      this.pending = { data: [] };
      return;
    }
    if (line.startsWith(':')) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') this.pending.id = value;
    else if (field === 'event') this.pending.event = value;
    else if (field === 'data') this.pending.data.push(value);
    else if (field === 'retry') this.retryMs = Number(value);
  }
}
