import { CommitHistory, CommitSample } from './commit-history';
import { evaluatePartition, VerdictInput } from './verdict';

const WINDOW = 60_000;
const NOW = 1_000_000;

/** commits as [seconds before now, offset, lag at that commit]. */
function commits(...rows: [number, number, number][]): CommitSample[] {
  return rows.map(([ago, offset, lag]) => ({ atMs: NOW - ago * 1000, offset, lag }));
}

function ends(...rows: [number, number][]) {
  return rows.map(([ago, offset]) => ({ atMs: NOW - ago * 1000, offset }));
}

function judge(partial: Partial<VerdictInput>) {
  return evaluatePartition({ nowMs: NOW, windowMs: WINDOW, allowedLag: 0, lag: 10, commits: [], endOffsets: [], owned: true, ...partial });
}

describe('evaluatePartition (Burrow rules over a time window)', () => {
  it.each<[string, Partial<VerdictInput>, string]>([
    ['no commit at all', { lag: null }, 'OK'],
    ['nothing observed yet', { commits: [] }, 'OK'],
    ['caught up now, whatever the history', { lag: 0, commits: commits([300, 5, 50]) }, 'OK'],
    ['lag within allowed-lag', { lag: 3, allowedLag: 5, commits: commits([300, 5, 50]) }, 'OK'],
    ['moving and catching up', { commits: commits([50, 100, 40], [30, 140, 20], [10, 170, 10]) }, 'OK'],
    ['moving but lag never decreases', { lag: 40, commits: commits([50, 100, 10], [30, 120, 20], [10, 140, 30]), endOffsets: ends([50, 110], [10, 170]) }, 'WARN'],
    ['equal lags also warn (not catching up)', { commits: commits([40, 100, 10], [20, 110, 10]) }, 'WARN'],
    ['a caught-up commit in the window clears WARN', { commits: commits([50, 100, 0], [30, 120, 20], [10, 140, 30]) }, 'OK'],
    ['a single commit is not a trend', { commits: commits([20, 100, 10]) }, 'OK'],
    ['silent past the window, no member → STOP', { owned: false, commits: commits([200, 100, 10]), endOffsets: ends([50, 110], [5, 110]) }, 'STOP'],
    ['silent past the window, member still in the group → STALL', { owned: true, commits: commits([200, 100, 10]), endOffsets: ends([50, 110], [5, 110]) }, 'STALL'],
    ['silent but shorter than the window → not stuck', { owned: false, commits: commits([50, 100, 10]), endOffsets: ends([50, 110]) }, 'OK'],
    ['commits that moved before falling silent past the window → STOP', { owned: false, commits: commits([200, 100, 5], [100, 105, 5]), endOffsets: ends([5, 110]) }, 'STOP'],
    ['idle topic: caught up at a recent end sample, so not STOP (Burrow #38)', { owned: false, commits: commits([200, 100, 0]), endOffsets: ends([40, 100], [5, 110]) }, 'OK'],
    ['offset went back → REWIND', { commits: commits([40, 500, 5], [20, 100, 405]) }, 'REWIND'],
    ['a rewind that later reached the old offset again is not REWIND', { commits: commits([50, 500, 5], [30, 100, 405], [10, 520, 0]) }, 'OK'],
  ])('%s → %s', (_name, input, expected) => {
    expect(judge(input).verdict).toBe(expected);
  });

  it('gives the evidence: window offsets, lags, commit ages and a reason', () => {
    const r = judge({ owned: false, lag: 25, commits: commits([200, 100, 10]), endOffsets: ends([5, 125]) });
    expect(r.verdict).toBe('STOP');
    expect(r.evidence).toEqual({
      reason: 'no commit for 200 s while lag is 25 and no member consumes the partition',
      window_ms: WINDOW,
      commits_in_window: 1,
      window_start_offset: 100,
      window_end_offset: 100,
      window_start_lag: 10,
      window_end_lag: 10,
      first_commit_age_ms: 200_000,
      last_commit_age_ms: 200_000,
    });
  });

  it('only judges commits inside the window (an old rewind has aged out)', () => {
    const r = judge({ commits: commits([300, 500, 5], [200, 100, 405], [30, 150, 30], [10, 170, 10]) });
    expect(r.verdict).toBe('OK');
    expect(r.evidence.commits_in_window).toBe(2);
  });
});

describe('CommitHistory', () => {
  it('records a commit when the offset changes and drops samples that left the window, except the newest', () => {
    const h = new CommitHistory();
    h.observe(10, 1000, 5, 5000);
    h.observe(10, 2000, 6, 5000); // unchanged: not a new commit
    h.observe(12, 3000, 4, 5000);
    expect(h.snapshot()).toEqual([
      { offset: 10, atMs: 1000, lag: 5 },
      { offset: 12, atMs: 3000, lag: 4 },
    ]);
    h.observe(12, 20_000, 9, 5000);
    expect(h.snapshot()).toEqual([{ offset: 12, atMs: 3000, lag: 4 }]);
  });
});
