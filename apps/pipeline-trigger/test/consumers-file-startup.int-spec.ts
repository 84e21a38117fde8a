import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServiceProcess } from '@app/testing';

/** The built service (dist/apps/pipeline-trigger/main.js) refuses a bad consumers file before it connects to anything. */
describe('pipeline-trigger start-up with a bad consumers file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pt-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with one fatal line per bad entry, naming the consumer and the field', async () => {
    const file = path.join(dir, 'consumers.yaml');
    writeFileSync(
      file,
      [
        'consumers:',
        '  - { consumer_id: orders-sync, kafka_topic: orders, pipeline_name: p, connection_id: c, max_event: 0, max_time: 30 }',
        '  - { consumer_id: audit, kafka_topic: audit, pipeline_name: p, connection_id: c, max_event: 10, max_time: 30, job_type: realtime }',
        '',
      ].join('\n'),
    );
    const service = new ServiceProcess('pipeline-trigger', { HTTP_PORT: '0', PIPELINE_CONSUMERS_FILE: file });
    expect((await service.exited).code).toBe(1);
    const fatal = [...service.lines.map((l) => l as { level: string; msg: string }), ...service.stderr.map((l) => JSON.parse(l) as { level: string; msg: string })]
      .filter((l) => l.level === 'fatal')
      .map((l) => l.msg);
    // Read from stdout and stderr together, so in no particular order.
    expect(fatal).toHaveLength(2);
    expect(fatal).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^invalid configuration: PIPELINE_CONSUMERS_FILE=".*consumers\.yaml": expected a valid consumers file; consumer "orders-sync" \(entry 1\): max_event: expected an integer from 1 to 1000000000, received 0$/),
        expect.stringMatching(/consumer "audit" \(entry 2\): job_type: expected one of sync, async, batch, received "realtime"$/),
      ]),
    );
  });
});
