import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');

/**
 * The workspace's lint configuration must keep deployables independent (apps import libs by alias, never each other),
 * keep @app/domain framework-free and keep @app/testing out of shipped code, by project tags.
 */
describe('module boundaries', () => {
  // The config is passed in rather than found by ESLint, whose loader uses a dynamic import Jest's VM cannot run.
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require(path.join(root, 'eslint.config.js')) });

  const boundaryErrors = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('refuses an app importing another app', async () => {
    const errors = await boundaryErrors('apps/monitor-api/src/probe.ts', "import { brokerEnv } from '../../broker/src/config';\nexport const x = brokerEnv;\n");
    expect(errors).toEqual([expect.stringContaining('Projects cannot be imported by a relative or absolute path')]);
  });

  it('refuses a lib importing an app', async () => {
    const errors = await boundaryErrors('libs/domain/src/probe.ts', "import { chatConsumerEnv } from '../../../apps/chat-consumer/src/config';\nexport const x = chatConsumerEnv;\n");
    expect(errors).toHaveLength(1);
  });

  it('refuses a lib reaching into another lib by relative path instead of its alias', async () => {
    const errors = await boundaryErrors('libs/platform/src/probe.ts', "import { STREAMS } from '../../domain/src/streams/stream-names';\nexport const x = STREAMS;\n");
    expect(errors).toHaveLength(1);
  });

  it('accepts an app importing libs by their alias', async () => {
    const errors = await boundaryErrors('apps/monitor-api/src/probe.ts', "import { STREAMS } from '@app/domain';\nimport { loadConfig } from '@app/platform';\nexport const x = [STREAMS, loadConfig];\n");
    expect(errors).toEqual([]);
  });

  it('refuses @app/domain importing Nest or a client library', async () => {
    const nest = await boundaryErrors('libs/domain/src/probe.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(nest).toEqual([expect.stringContaining('@nestjs/common')]);
    const redis = await boundaryErrors('libs/domain/src/probe.ts', "import Redis from 'ioredis';\nexport const x = Redis;\n");
    expect(redis).toHaveLength(1);
  });

  it('refuses @app/domain depending on another lib', async () => {
    const errors = await boundaryErrors('libs/domain/src/probe.ts', "import { loadConfig } from '@app/platform';\nexport const x = loadConfig;\n");
    expect(errors).toEqual([expect.stringContaining('scope:domain')]);
  });

  it('refuses @app/testing in code that ships, from an app or a lib', async () => {
    const app = await boundaryErrors('apps/broker/src/probe.ts', "import { uniqueName } from '@app/testing';\nexport const x = uniqueName;\n");
    expect(app).toEqual([expect.stringContaining('type:testing')]);
    // From @app/platform it is also a cycle (the test helpers run services through it): both are reported.
    const lib = await boundaryErrors('libs/platform/src/probe.ts', "import { uniqueName } from '@app/testing';\nexport const x = uniqueName;\n");
    expect(lib).toContainEqual(expect.stringContaining('type:testing'));
  });

  it('accepts shipped code importing a lib whose own tests use @app/testing', async () => {
    expect(await boundaryErrors('apps/chat-consumer/src/probe.ts', "import { RedisStreamsModule } from '@app/redis-streams';\nexport const x = RedisStreamsModule;\n")).toEqual([]);
  });

  it('accepts @app/testing in unit specs, integration tests and end-to-end tests', async () => {
    const code = "import { uniqueName } from '@app/testing';\nexport const x = uniqueName;\n";
    expect(await boundaryErrors('apps/broker/src/probe.spec.ts', code)).toEqual([]);
    expect(await boundaryErrors('apps/broker/test/probe.int-spec.ts', code)).toEqual([]);
    expect(await boundaryErrors('apps/broker/test/probe-helper.ts', code)).toEqual([]);
    expect(await boundaryErrors('libs/assignors/src/probe.spec.ts', code)).toEqual([]);
    expect(await boundaryErrors('e2e/probe.int-spec.ts', code)).toEqual([]);
  });

  it('applies the lib rules to any lib tagged type:lib, without naming it anywhere', async () => {
    // libs/kafka-consume is tagged type:lib only: it may use other libs, but not the test helpers outside its tests.
    expect(await boundaryErrors('libs/kafka-consume/src/probe.ts', "import { STREAMS } from '@app/domain';\nexport const x = STREAMS;\n")).toEqual([]);
    expect(await boundaryErrors('libs/kafka-consume/src/probe.ts', "import { uniqueName } from '@app/testing';\nexport const x = uniqueName;\n")).toHaveLength(1);
  });
});
