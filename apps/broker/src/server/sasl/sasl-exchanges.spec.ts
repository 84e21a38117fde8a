import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { PlainExchange } from './plain-exchange';
import { loadConfig } from '@app/platform';
import { saslEnv, saslOptionsFrom } from './sasl-config';
import { SaslAuthenticationError } from './sasl-exchange';
import { deriveScramCredential, ScramExchange } from './scram-exchange';

/** RFC 5802 client computations, written from the RFC for the test. */
function scramClientFinal(hash: 'sha256' | 'sha512', password: string, clientFirstBare: string, serverFirst: string, nonce: string) {
  const attrs = new Map(serverFirst.split(',').map((p) => [p[0], p.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(attrs.get('s')!, 'base64'), Number(attrs.get('i')), hash === 'sha256' ? 32 : 64, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${nonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = createHmac(hash, storedKey).update(authMessage).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]));
  const serverKey = createHmac(hash, salted).update('Server Key').digest();
  const serverSignature = createHmac(hash, serverKey).update(authMessage).digest('base64');
  return { message: `${withoutProof},p=${proof.toString('base64')}`, serverSignature };
}

describe('SASL PLAIN', () => {
  const users = new Map([['alice', 'secret']]);

  it('accepts the right password and names the principal', () => {
    expect(new PlainExchange(users).evaluate(Buffer.from('\u0000alice\u0000secret')).principal).toBe('alice');
  });

  it.each([
    ['a wrong password', '\u0000alice\u0000nope'],
    ['an unknown user', '\u0000mallory\u0000secret'],
    ['a foreign authorization id', 'bob\u0000alice\u0000secret'],
    ['a message without separators', 'alice secret'],
  ])('refuses %s', (_name, token) => {
    expect(() => new PlainExchange(users).evaluate(Buffer.from(token))).toThrow(SaslAuthenticationError);
  });
});

describe.each(['sha256', 'sha512'] as const)('SASL SCRAM-%s', (hash) => {
  const credentials = new Map([['alice', deriveScramCredential(hash, 'secret')]]);

  function exchange(password: string, user = 'alice', echoNonce = (n: string) => n) {
    const server = new ScramExchange(hash, credentials);
    const clientFirstBare = `n=${user},r=clientnonce123`;
    const serverFirst = server.evaluate(Buffer.from(`n,,${clientFirstBare}`)).response.toString();
    const nonce = serverFirst.split(',')[0].slice(2);
    const final = scramClientFinal(hash, password, clientFirstBare, serverFirst, echoNonce(nonce));
    return { server, final, serverFirst };
  }

  it('completes with the right password and proves the server knows it too', () => {
    const { server, final, serverFirst } = exchange('secret');
    expect(serverFirst).toMatch(/^r=clientnonce123[^,]+,s=[^,]+,i=4096$/);
    const step = server.evaluate(Buffer.from(final.message));
    expect(step.principal).toBe('alice');
    expect(step.response.toString()).toBe(`v=${final.serverSignature}`);
  });

  it("accepts librdkafka's final nonce, which repeats the client nonce in front", () => {
    const { server, final } = exchange('secret', 'alice', (n) => `clientnonce123${n}`);
    expect(server.evaluate(Buffer.from(final.message)).principal).toBe('alice');
  });

  it('refuses a wrong password, an unknown user and a foreign nonce', () => {
    const wrong = exchange('nope');
    expect(() => wrong.server.evaluate(Buffer.from(wrong.final.message))).toThrow(SaslAuthenticationError);
    const unknown = exchange('secret', 'mallory');
    expect(() => unknown.server.evaluate(Buffer.from(unknown.final.message))).toThrow(SaslAuthenticationError);
    const nonce = exchange('secret', 'alice', () => 'someothernonce');
    expect(() => nonce.server.evaluate(Buffer.from(nonce.final.message))).toThrow(/nonce/);
  });

  it('refuses malformed messages and channel binding', () => {
    expect(() => new ScramExchange(hash, credentials).evaluate(Buffer.from('garbage'))).toThrow(SaslAuthenticationError);
    expect(() => new ScramExchange(hash, credentials).evaluate(Buffer.from('p=tls-unique,,n=alice,r=x'))).toThrow(SaslAuthenticationError);
    const server = new ScramExchange(hash, credentials);
    server.evaluate(Buffer.from('n,,n=alice,r=abc'));
    expect(() => server.evaluate(Buffer.from('c=biws,r=abc'))).toThrow(/proof/);
  });
});

describe('SASL configuration', () => {
  const options = (env: NodeJS.ProcessEnv) => saslOptionsFrom(loadConfig(saslEnv, env));

  it('is off by default', () => {
    expect(options({}).enabled).toBe(false);
  });

  it('reads users with colons in passwords and a mechanism subset', () => {
    const o = options({ BROKER_SASL_ENABLED: 'true', BROKER_SASL_MECHANISMS: 'plain, SCRAM-SHA-512', BROKER_SASL_USERS: 'a:b:c,d:e' });
    expect(o).toEqual({ enabled: true, mechanisms: ['PLAIN', 'SCRAM-SHA-512'], users: new Map([['a', 'b:c'], ['d', 'e']]) });
  });

  it.each([
    [{ BROKER_SASL_ENABLED: 'maybe' }, /BROKER_SASL_ENABLED="maybe": expected true or false/],
    [{ BROKER_SASL_MECHANISMS: 'GSSAPI' }, /BROKER_SASL_MECHANISMS="GSSAPI": expected a comma-separated subset of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512/],
    [{ BROKER_SASL_USERS: 'nopassword' }, /BROKER_SASL_USERS="nopassword": expected a comma-separated list of user:password/],
    [{ BROKER_SASL_ENABLED: 'true' }, /BROKER_SASL_USERS=.*expected at least one user:password while BROKER_SASL_ENABLED is true/],
  ])('rejects %j', (env, message) => {
    expect(() => options(env)).toThrow(message);
  });
});
