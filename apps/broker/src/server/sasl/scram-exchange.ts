import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { SaslAuthenticationError, type SaslExchange, type SaslStep } from './sasl-exchange';

export type ScramHash = 'sha256' | 'sha512';

/** Salted credentials of one user for one SCRAM hash, derived once at startup (RFC 5802 section 3). */
export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (hash: ScramHash, key: Buffer, data: string | Buffer) => createHmac(hash, key).update(data).digest();

export function deriveScramCredential(hash: ScramHash, password: string, iterations = 4096): ScramCredential {
  const salt = randomBytes(16);
  const keyLength = hash === 'sha256' ? 32 : 64;
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, keyLength, hash);
  const clientKey = hmac(hash, salted, 'Client Key');
  return {
    salt,
    iterations,
    storedKey: createHash(hash).update(clientKey).digest(),
    serverKey: hmac(hash, salted, 'Server Key'),
  };
}

function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) throw new SaslAuthenticationError(`malformed SCRAM attribute "${part.slice(0, 20)}"`);
    out.set(part[0], part.slice(2));
  }
  return out;
}

function decodeSaslName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw new SaslAuthenticationError('malformed SCRAM user name');
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** SCRAM-SHA-256/512 server (RFC 5802, RFC 7677): client-first, server-first, client-final, server-final. */
export class ScramExchange implements SaslExchange {
  private state: 'first' | 'final' | 'done' = 'first';
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';
  private user = '';
  private credential: ScramCredential | undefined;

  constructor(
    private readonly hash: ScramHash,
    private readonly credentials: ReadonlyMap<string, ScramCredential>,
  ) {}

  evaluate(token: Buffer): SaslStep {
    const message = token.toString('utf8');
    if (this.state === 'first') return this.clientFirst(message);
    if (this.state === 'final') return this.clientFinal(message);
    throw new SaslAuthenticationError('SCRAM exchange already completed');
  }

  private clientFirst(message: string): SaslStep {
    const match = /^([ny]),(a=[^,]*)?,(.*)$/.exec(message);
    if (!match) throw new SaslAuthenticationError('malformed SCRAM client-first message (channel binding is not supported)');
    this.gs2Header = `${match[1]},${match[2] ?? ''},`;
    this.clientFirstBare = match[3];
    const attrs = attributes(this.clientFirstBare);
    const name = attrs.get('n');
    const clientNonce = attrs.get('r');
    if (name === undefined || !clientNonce) throw new SaslAuthenticationError('SCRAM client-first lacks n= or r=');
    this.user = decodeSaslName(name);
    // An unknown user gets a well-formed challenge with throw-away parameters, failing only at the proof.
    this.credential = this.credentials.get(this.user);
    const salt = this.credential?.salt ?? randomBytes(16);
    const iterations = this.credential?.iterations ?? 4096;
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${salt.toString('base64')},i=${iterations}`;
    this.state = 'final';
    return { response: Buffer.from(this.serverFirst, 'utf8') };
  }

  private clientFinal(message: string): SaslStep {
    this.state = 'done';
    const proofAt = message.lastIndexOf(',p=');
    if (proofAt < 0) throw new SaslAuthenticationError('SCRAM client-final lacks the proof');
    const withoutProof = message.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    if (attrs.get('c') !== Buffer.from(this.gs2Header, 'utf8').toString('base64')) {
      throw new SaslAuthenticationError('SCRAM channel binding does not match');
    }
    // librdkafka sends r=<client nonce><server's r>, repeating its own nonce; Apache Kafka accepts any final
    // nonce that ends with the server-first nonce, and so do we (the proof still covers the exact message).
    if (!attrs.get('r')?.endsWith(this.nonce)) throw new SaslAuthenticationError('SCRAM nonce does not match');
    const proof = Buffer.from(message.slice(proofAt + 3), 'base64');
    const cred = this.credential;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    if (!cred || proof.length !== cred.storedKey.length) {
      throw new SaslAuthenticationError(`authentication failed for user ${JSON.stringify(this.user)}`);
    }
    const signature = hmac(this.hash, cred.storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ signature[i];
    const stored = createHash(this.hash).update(clientKey).digest();
    if (!timingSafeEqual(stored, cred.storedKey)) {
      throw new SaslAuthenticationError(`authentication failed for user ${JSON.stringify(this.user)}`);
    }
    const serverSignature = hmac(this.hash, cred.serverKey, authMessage).toString('base64');
    return { response: Buffer.from(`v=${serverSignature}`, 'utf8'), principal: this.user };
  }
}
