import { timingSafeEqual } from 'node:crypto';
import { SaslAuthenticationError, type SaslExchange, type SaslStep } from './sasl-exchange';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** SASL PLAIN (RFC 4616): one message `authzid NUL authcid NUL password`, answered with empty bytes. */
export class PlainExchange implements SaslExchange {
  private done = false;

  constructor(private readonly users: ReadonlyMap<string, string>) {}

  evaluate(token: Buffer): SaslStep {
    if (this.done) throw new SaslAuthenticationError('PLAIN exchange already completed');
    this.done = true;
    const parts = token.toString('utf8').split('\u0000');
    if (parts.length !== 3) throw new SaslAuthenticationError('malformed PLAIN message');
    const [authzid, user, password] = parts;
    if (authzid !== '' && authzid !== user) {
      throw new SaslAuthenticationError('PLAIN authorization id must be empty or equal the user name');
    }
    const expected = this.users.get(user);
    if (expected === undefined || !safeEqual(expected, password)) {
      throw new SaslAuthenticationError(`authentication failed for user ${JSON.stringify(user)}`);
    }
    return { response: Buffer.alloc(0), principal: user };
  }
}
