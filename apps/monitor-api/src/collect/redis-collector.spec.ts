import { streamGroupLag } from './redis-collector';

describe('streamGroupLag', () => {
  it.each([
    ['as Redis reports it when entries wait', 7, false, 7, null],
    ['0 when nothing follows last-delivered-id, whatever Redis counts after deletions', 6, true, 0, null],
    ['0 when caught up even where Redis cannot compute it', null, true, 0, null],
    ['unknown, with the reason, when Redis cannot compute it and entries wait', null, false, null, /XGROUP SETID/],
    ['unknown when Redis reports a negative lag', -3, false, null, /negative lag \(-3\)/],
  ])('%s', (_case, reported, caughtUp, lag, reason) => {
    const result = streamGroupLag(reported, caughtUp);
    expect(result.lag).toBe(lag);
    if (reason === null) expect(result.lagUnknownReason).toBeNull();
    else expect(result.lagUnknownReason).toMatch(reason);
  });
});
