import { planReplay } from './replay-plan';

const job = { kind: 'job' as const, jobId: 'j' };
const alerts = { kind: 'channel' as const, channel: 'alerts' as const };

describe('planReplay', () => {
  it('replays a whole job but starts a channel live when there is no cursor', () => {
    expect(planReplay(job, undefined, { cursorEvent: undefined, oldestId: '5-0' })).toEqual({ action: 'replay', after: undefined });
    expect(planReplay(alerts, undefined, { cursorEvent: undefined, oldestId: '5-0' })).toEqual({ action: 'live' });
  });

  it('resumes right after a cursor that is still retained', () => {
    expect(planReplay(job, '7-0', { cursorEvent: 'thinking', oldestId: '5-0' })).toEqual({ action: 'replay', after: '7-0' });
    expect(planReplay(alerts, '7-0', { cursorEvent: 'lag_spike', oldestId: '5-0' })).toEqual({ action: 'replay', after: '7-0' });
  });

  it('ends a job whose done event the client already has', () => {
    expect(planReplay(job, '9-0', { cursorEvent: 'done', oldestId: '5-0' })).toEqual({ action: 'ended' });
    expect(planReplay(alerts, '9-0', { cursorEvent: 'done', oldestId: '5-0' })).toEqual({ action: 'replay', after: '9-0' });
  });

  it('announces a reset for a trimmed cursor and replays everything retained', () => {
    expect(planReplay(job, '3-0', { cursorEvent: undefined, oldestId: '5-0' })).toEqual({
      action: 'replay',
      after: undefined,
      reset: { reason: 'cursor_trimmed', cursor: '3-0', oldestId: '5-0' },
    });
  });

  it('announces a reset for a cursor the stream never had, or when the stream is gone', () => {
    expect(planReplay(job, '6-0', { cursorEvent: undefined, oldestId: '5-0' })).toMatchObject({ reset: { reason: 'unknown_cursor' } });
    expect(planReplay(job, '6-0', { cursorEvent: undefined, oldestId: undefined })).toMatchObject({ reset: { reason: 'unknown_cursor', oldestId: undefined } });
  });
});
