import { eventFrame, parseAnnouncement, resetFrame, retryFrame } from './sse-frame';

describe('SSE frames', () => {
  const job = { kind: 'job' as const, jobId: 'j1' };

  it('formats an event with its cursor, name and one data line', () => {
    const frame = eventFrame(job, '1700000000000-1', 'thinking', '{"a":1}');
    expect(frame.bytes.toString()).toBe('id: 1700000000000-1\nevent: thinking\ndata: {"a":1}\n\n');
    expect(frame).toMatchObject({ ms: 1700000000000, seq: 1, ends: false });
    expect(eventFrame(job, '1-0', 'done', '{}').ends).toBe(true);
    expect(eventFrame({ kind: 'channel', channel: 'alerts' }, '1-0', 'done', '{}').ends).toBe(false);
  });

  it('refuses an entry id that is not a stream id', () => {
    expect(() => eventFrame(job, 'x', 'e', '{}')).toThrow('invalid id: x');
  });

  it('formats retry and reset', () => {
    expect(retryFrame(2000)).toBe('retry: 2000\n\n');
    const reset = resetFrame('cursor_trimmed', '5-0', '9-0');
    expect(reset.startsWith('event: reset\ndata: ')).toBe(true);
    expect(reset).not.toContain('id:');
    expect(JSON.parse(reset.split('data: ')[1])).toEqual({ reason: 'cursor_trimmed', cursor: '5-0', oldest_id: '9-0' });
  });

  it('parses announcements, keeping newlines-free data whole', () => {
    expect(parseAnnouncement('5-1\nthinking\n{"x":"a b"}')).toEqual({ id: '5-1', event: 'thinking', data: '{"x":"a b"}' });
    expect(parseAnnouncement('5-1\nthinking')).toBeUndefined();
    expect(parseAnnouncement('')).toBeUndefined();
  });
});
