/**
 * Require hook for test child processes: compiles TypeScript with decorator metadata (which tsx
 * does not emit and Nest's dependency injection needs), and resolves the @app/* aliases.
 * Usage: node -r ./apps/broker/test/crash-ts-hook.js <file.ts>
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..', '..', '..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
tsconfigPaths.register({ baseUrl: root, paths: compilerOptions.paths });

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
