import { corsHeaders, preflightHeaders } from './cors';

describe('CORS', () => {
  it('adds nothing when CORS is not configured or the origin is not allowed', () => {
    expect(corsHeaders('https://a.example', [])).toEqual({});
    expect(corsHeaders('https://evil.example', ['https://a.example'])).toEqual({});
    expect(corsHeaders(undefined, ['*'])).toEqual({});
  });

  it('echoes a listed origin with credentials, and answers a wildcard with *', () => {
    expect(corsHeaders('https://a.example', ['https://b.example', 'https://a.example'])).toEqual({
      'Access-Control-Allow-Origin': 'https://a.example',
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    });
    expect(corsHeaders('https://x.example', ['*'])).toEqual({ 'Access-Control-Allow-Origin': '*' });
  });

  it('answers a preflight with the headers an SSE client sends', () => {
    expect(preflightHeaders('https://a.example', ['https://a.example'])['Access-Control-Allow-Headers']).toBe('Authorization, Last-Event-ID, Cache-Control');
    expect(preflightHeaders('https://evil.example', ['https://a.example'])).toEqual({});
  });
});
