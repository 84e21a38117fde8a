export type Admission = 'ok' | 'process_full' | 'client_full';

/** Counts open streams per process and per client address, so one client (or a flood) cannot take the whole process. */
export class ConnectionLimiter {
  private readonly perClient = new Map<string, number>();
  private total = 0;

  constructor(private readonly maxTotal: number, private readonly maxPerClient: number) {}

  get open(): number {
    return this.total;
  }

  tryAcquire(client: string): Admission {
    if (this.total >= this.maxTotal) return 'process_full';
    const current = this.perClient.get(client) ?? 0;
    if (current >= this.maxPerClient) return 'client_full';
    this.perClient.set(client, current + 1);
    this.total++;
    return 'ok';
  }

  release(client: string): void {
    const current = this.perClient.get(client);
    if (current === undefined) return;
    if (current <= 1) this.perClient.delete(client);
    else this.perClient.set(client, current - 1);
    this.total--;
  }
}
