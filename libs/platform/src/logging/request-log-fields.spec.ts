import { requestLogFields } from './logging.module';

describe('requestLogFields', () => {
  it('keeps method, URL, address and user agent, and no other header', () => {
    const fields = requestLogFields({
      id: 7,
      method: 'GET',
      url: '/api/v1/consumers/groups?page=2',
      remoteAddress: '10.0.0.9',
      headers: { 'user-agent': 'curl/8.5', authorization: 'Bearer secret', cookie: 'session=x' },
    });
    expect(fields).toEqual({ id: 7, method: 'GET', url: '/api/v1/consumers/groups?page=2', remote_address: '10.0.0.9', user_agent: 'curl/8.5' });
    expect(JSON.stringify(fields)).not.toContain('secret');
  });

  it.each([
    ['/ws/consumers/groups/g/live?access_token=abc.def.ghi', '/ws/consumers/groups/g/live?access_token=[redacted]'],
    ['/ws/x?interval=5&access_token=abc&cluster_id=local', '/ws/x?interval=5&access_token=[redacted]&cluster_id=local'],
    ['/api/v1/consumers/groups?page_size=10', '/api/v1/consumers/groups?page_size=10'],
  ])('replaces a token in the query string: %s', (url, logged) => {
    expect(requestLogFields({ id: 1, method: 'GET', url }).url).toBe(logged);
  });
});
