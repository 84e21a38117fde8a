import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');

/** The workspace's lint configuration must keep deployables independent: apps import libs by alias, never each other. */
describe('module boundaries', () => {
  // The config is passed in rather than found by ESLint, whose loader uses a dynamic import Jest's VM cannot run.
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require(path.join(root, 'eslint.config.js')) });

  const boundaryErrors = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
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
});
