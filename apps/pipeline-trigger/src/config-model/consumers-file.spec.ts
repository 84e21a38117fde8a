import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@app/platform';
import { loadConsumersFile, parseConsumersFile } from './consumers-file';

const YAML_FILE = `
consumers:
  - consumer_id: orders-full-reindex
    kafka_topic: orders
    pipeline_name: reindex-orders
    connection_id: pg-main
    max_event: 10000
    max_time: 3600
    job_type: batch
    auto_offset_reset: earliest
    group_suffix: full
  - consumer_id: orders-incremental
    kafka_topic: orders
    pipeline_name: index-orders
    connection_id: pg-main
    max_event: 100
    max_time: 30
`;

describe('consumers file', () => {
  it('reads YAML with defaults applied', () => {
    const result = parseConsumersFile(YAML_FILE, 'yaml');
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.consumers.map((c) => [c.consumer_id, c.group_suffix, c.job_type, c.auto_offset_reset])).toEqual([
      ['orders-full-reindex', 'full', 'batch', 'earliest'],
      ['orders-incremental', undefined, 'async', 'latest'],
    ]);
  });

  it('reads a bare JSON list', () => {
    const json = JSON.stringify([{ consumer_id: 'a', kafka_topic: 't', pipeline_name: 'p', connection_id: 'c', max_event: 1, max_time: 1 }]);
    const result = parseConsumersFile(json, 'json');
    expect(result.ok && result.consumers.map((c) => c.consumer_id)).toEqual(['a']);
  });

  it('treats an empty file as no consumers', () => {
    expect(parseConsumersFile('', 'yaml')).toEqual({ ok: true, consumers: [] });
  });

  it.each([
    ['a bad entry, naming consumer and field', YAML_FILE.replace('max_event: 100\n', 'max_event: 0\n'), 'consumer "orders-incremental" (entry 2): max_event: expected an integer from 1 to 1000000000, received 0'],
    ['an entry without an id', 'consumers:\n  - kafka_topic: t\n', 'entry 1: consumer_id: expected'],
    ['a repeated consumer_id', YAML_FILE.replace('orders-incremental', 'orders-full-reindex'), 'consumer "orders-full-reindex" (entry 2): consumer_id: expected a consumer_id used once'],
    ['a mapping without "consumers"', 'consumer:\n  - a: 1\n', 'expected a list of consumers'],
    ['broken YAML', 'consumers: [\n', 'not valid YAML'],
    ['a YAML string where a number belongs', YAML_FILE.replace('max_time: 30', 'max_time: "30"'), 'max_time: expected an integer number of seconds'],
  ])('refuses %s', (_label, text, problem) => {
    const result = parseConsumersFile(text, 'yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toContain(problem);
  });

  it('refuses broken JSON', () => {
    const result = parseConsumersFile('{"consumers": [', 'json');
    expect(result.ok || result.problems[0]).toMatch(/^not valid JSON/);
  });

  describe('loaded from disk', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'consumers-file-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('returns no consumers when no file is configured', () => {
      expect(loadConsumersFile(undefined)).toEqual([]);
    });

    it('reads the consumers file the Kubernetes base mounts', () => {
      expect(loadConsumersFile(path.resolve(__dirname, '../../../../k8s/apps/pipeline-trigger/base/consumers.yaml'))).toEqual([]);
    });

    it('picks the parser by extension', () => {
      const file = path.join(dir, 'consumers.yml');
      writeFileSync(file, YAML_FILE);
      expect(loadConsumersFile(file)).toHaveLength(2);
    });

    it('stops start-up with a ConfigError naming the variable, the consumer and the field', () => {
      const file = path.join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ consumers: [{ consumer_id: 'x', kafka_topic: 't', pipeline_name: 'p', connection_id: 'c', max_event: -1, max_time: 5 }] }));
      expect(() => loadConsumersFile(file)).toThrow(ConfigError);
      expect(() => loadConsumersFile(file)).toThrow(/PIPELINE_CONSUMERS_FILE=.*consumer "x" \(entry 1\): max_event: expected an integer from 1/);
    });

    it('names a missing file', () => {
      expect(() => loadConsumersFile(path.join(dir, 'absent.yaml'))).toThrow(/a readable consumers file \(ENOENT\)/);
    });
  });
});
