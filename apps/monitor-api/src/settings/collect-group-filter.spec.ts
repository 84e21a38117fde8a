import { ConfigError, loadConfig } from '@app/platform';
import { monitorApiEnv } from '../config';
import { governanceEnv } from './governance-env';
import { collectGroupFilter, governanceSettings } from './governance-settings';

const NO_FILE = { clusters: [], topicThresholds: {}, groupThresholds: {} };
const GROUPS = ['billing', 'billing-replay', 'orders-eu', 'orders-us', 'team-a.audit', 'chat-persistence', 'eventrouter'];

/** The groups a sweep collects with these variables, as the service builds its filter at start. */
function collected(env: Record<string, string>): string[] {
  const settings = governanceSettings({ ...loadConfig(governanceEnv, env), KAFKA_BROKERS: ['127.0.0.1:9092'] }, NO_FILE);
  return GROUPS.filter(settings.groupFilter);
}

describe('the collection-time group filter', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['unset: every group', {}, GROUPS],
    ['blank values count as unset', { COLLECT_GROUP_INCLUDE: '  ', COLLECT_GROUP_EXCLUDE: '' }, GROUPS],
    ['include matches the whole name, not a part of it', { COLLECT_GROUP_INCLUDE: 'billing' }, ['billing']],
    ['include with alternatives and wildcards', { COLLECT_GROUP_INCLUDE: 'orders-.*|eventrouter' }, ['orders-eu', 'orders-us', 'eventrouter']],
    ['a dot in a name is matched literally when escaped', { COLLECT_GROUP_INCLUDE: 'team-a\\.audit' }, ['team-a.audit']],
    ['exclude alone keeps everything else', { COLLECT_GROUP_EXCLUDE: 'orders-.*' }, ['billing', 'billing-replay', 'team-a.audit', 'chat-persistence', 'eventrouter']],
    ['exclude wins over include', { COLLECT_GROUP_INCLUDE: 'billing.*|orders-.*', COLLECT_GROUP_EXCLUDE: '.*-(replay|us)' }, ['billing', 'orders-eu']],
    ['an include matching nothing collects nothing', { COLLECT_GROUP_INCLUDE: 'nobody' }, []],
  ])('%s', (_what, env, expected) => {
    expect(collected(env)).toEqual(expected);
  });

  it('is an anchored alternation: "a|b" is a whole-name match of either, not "^a" or "b$"', () => {
    const filter = collectGroupFilter(loadConfig(governanceEnv, { COLLECT_GROUP_INCLUDE: 'bill|orders' }).COLLECT_GROUP_INCLUDE, undefined);
    expect(['bill', 'orders', 'billing', 'my-orders', 'bill-orders'].filter(filter)).toEqual(['bill', 'orders']);
  });

  it.each([
    ['COLLECT_GROUP_INCLUDE', '(billing'],
    ['COLLECT_GROUP_INCLUDE', '[a-'],
    ['COLLECT_GROUP_EXCLUDE', '*-replay'],
    ['COLLECT_GROUP_EXCLUDE', 'a{2,1}'],
  ])('refuses a bad regular expression in %s (%s) at start, naming the variable', (variable, raw) => {
    const load = () => loadConfig(monitorApiEnv, { [variable]: raw });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`${variable}=${JSON.stringify(raw)}: expected a regular expression, or unset`);
  });
});
