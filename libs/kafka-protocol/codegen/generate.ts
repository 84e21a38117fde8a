/**
 * Generates libs/kafka-protocol/src/generated/ from the Kafka JSON specs in libs/kafka-protocol/spec/.
 * Run: npx tsx libs/kafka-protocol/codegen/generate.ts   (or: npx nx run kafka-protocol:codegen)
 * codegen.spec.ts fails when the checked-in output differs from what this would write.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_APIS, GENERATED_DATA } from './api-ranges';
import { camel, emitMessage } from './emit-message';
import type { MessageSpec } from './spec-types';
import { parseVersions } from './versions';

export const LIB_ROOT = join(__dirname, '..');
export const SPEC_DIR = join(LIB_ROOT, 'spec');
export const OUT_DIR = join(LIB_ROOT, 'src', 'generated');

/** Kafka's spec files carry `//` comment lines, which JSON.parse does not accept. */
export function loadSpec(path: string): MessageSpec {
  const text = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n');
  return JSON.parse(text) as MessageSpec;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

const BANNER = (sources: string[]): string =>
  `// GENERATED FILE - DO NOT EDIT.\n// Written by libs/kafka-protocol/codegen/generate.ts from ${sources.join(', ')}.\n`;

function importsFor(helpers: Set<string>, extra: string[] = []): string {
  const io = ['EMPTY_BYTES', 'ZERO_UUID', 'readArray', 'readNullableArray', 'readTaggedFields', 'writeArray',
    'writeNullableArray', 'writeTaggedFields'].filter((h) => helpers.has(h));
  const lines = [`import { Reader } from '../io/reader';`, `import { Writer } from '../io/writer';`];
  if (io.length) lines.unshift(`import { ${io.join(', ')} } from '../io/codec-helpers';`);
  if (helpers.has('nonNull')) lines.unshift(`import { nonNull } from '../io/non-null';`);
  return [...extra, ...lines].sort().join('\n');
}

/** Every generated file, keyed by path relative to OUT_DIR. Pure: reads specs, writes nothing. */
export function generateFiles(specDir = SPEC_DIR): Map<string, string> {
  const files = new Map<string, string>();
  const index: string[] = [];
  const codecs: string[] = [];

  const allKeys = readdirSync(join(specDir, 'messages'))
    .filter((f) => f.endsWith('Request.json'))
    .map((f) => loadSpec(join(specDir, 'messages', f)))
    .map((s) => ({ key: s.apiKey as number, name: s.name.replace(/Request$/, '') }))
    .sort((a, b) => a.key - b.key);

  for (const api of GENERATED_APIS) {
    const req = loadSpec(join(specDir, 'messages', `${api.name}Request.json`));
    const res = loadSpec(join(specDir, 'messages', `${api.name}Response.json`));
    const range = { lo: api.min, hi: api.max };
    const a = emitMessage(req, range);
    const b = emitMessage(res, range);
    const helpers = new Set([...a.helpers, ...b.helpers]);
    const flex = parseVersions(req.flexibleVersions);
    const file = kebab(api.name);
    const codecName = `${camel(api.name)}Codec`;
    files.set(
      `${file}.ts`,
      `${BANNER([`spec/messages/${api.name}Request.json`, `${api.name}Response.json`])}\n` +
        `${importsFor(helpers, [`import type { ApiCodec } from '../api-codec';`])}\n\n${a.code}\n\n${b.code}\n\n` +
        `export const ${codecName}: ApiCodec<${req.name}, ${res.name}> = {\n` +
        `  apiKey: ${req.apiKey},\n  name: '${api.name}',\n  minVersion: ${api.min},\n  maxVersion: ${api.max},\n` +
        `  flexibleMinVersion: ${flex.lo > flex.hi ? 'null' : flex.lo},\n` +
        `  readRequest: read${req.name},\n  writeRequest: write${req.name},\n` +
        `  readResponse: read${res.name},\n  writeResponse: write${res.name},\n};\n`,
    );
    index.push(`export * from './${file}';`);
    codecs.push(`  [${req.apiKey}, ${codecName}],`);
  }

  for (const name of ['RequestHeader', 'ResponseHeader']) {
    const spec = loadSpec(join(specDir, 'messages', `${name}.json`));
    const valid = parseVersions(spec.validVersions);
    const m = emitMessage(spec, valid);
    files.set(
      `${kebab(name)}.ts`,
      `${BANNER([`spec/messages/${name}.json`])}\n${importsFor(m.helpers)}\n\n${m.code}\n`,
    );
    index.push(`export * from './${kebab(name)}';`);
  }

  for (const name of GENERATED_DATA) {
    const spec = loadSpec(join(specDir, 'records', `${name}.json`));
    const valid = parseVersions(spec.validVersions);
    const m = emitMessage(spec, valid);
    files.set(
      `${kebab(name)}.ts`,
      `${BANNER([`spec/records/${name}.json`])}\n${importsFor(m.helpers)}\n\n${m.code}\n\n` +
        `export const ${name}Versions = { min: ${valid.lo}, max: ${valid.hi} } as const;\n`,
    );
    index.push(`export * from './${kebab(name)}';`);
  }

  const apiKeyLines = allKeys.map((k) => `  ${k.name}: ${k.key},`).join('\n');
  files.set(
    'index.ts',
    `${BANNER(['spec/'])}\nimport type { ApiCodec } from '../api-codec';\n` +
      GENERATED_APIS.map((a) => `import { ${camel(a.name)}Codec } from './${kebab(a.name)}';`).join('\n') +
      `\n\n${index.join('\n')}\n\n` +
      `/** Every API key defined by the spec files, by name. */\nexport const ApiKey = {\n${apiKeyLines}\n} as const;\n` +
      `export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey];\n\n` +
      `/** API name by key, for logs and metrics. */\nexport const API_NAMES: ReadonlyMap<number, string> = new Map(\n` +
      `  Object.entries(ApiKey).map(([name, key]) => [key, name]),\n);\n\n` +
      `/** Codecs for the generated APIs and version ranges, by API key. */\n` +
      `// eslint-disable-next-line @typescript-eslint/no-explicit-any\n` +
      `export const API_CODECS: ReadonlyMap<number, ApiCodec<any, any>> = new Map<number, ApiCodec<any, any>>([\n` +
      `${codecs.join('\n')}\n]);\n`,
  );
  return files;
}

function main(): void {
  const files = generateFiles();
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(OUT_DIR, name), content);
  process.stdout.write(`wrote ${files.size} files to ${OUT_DIR}\n`);
}

if (require.main === module) main();
