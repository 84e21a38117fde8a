import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkScript, compileScript, discoverScripts, findGeneratedFiles, generateLuaScripts, parseScriptFileName, resolveIncludes, WORKSPACE_ROOT } from './lua-scripts';

describe('generated Lua script modules', () => {
  const expected = generateLuaScripts();

  it('are exactly what the generator writes from the checked-in .lua files (run npx nx run redis-streams:codegen after changing one)', () => {
    expect(findGeneratedFiles()).toEqual([...expected.keys()]);
    for (const [path, content] of expected) {
      const onDisk = existsSync(join(WORKSPACE_ROOT, path)) ? readFileSync(join(WORKSPACE_ROOT, path), 'utf8') : '(missing)';
      expect({ path, content: onDisk }).toEqual({ path, content });
    }
  });

  it('cover the scripts of the lib and of the apps, found by their commands/ folders', () => {
    expect([...expected.keys()]).toEqual(
      expect.arrayContaining([
        'libs/redis-streams/src/scripts/deadLetterAppend-2.ts',
        'libs/redis-streams/src/scripts/index.ts',
        'apps/pipeline-trigger/src/engine/scripts/advanceWindow-5.ts',
        'apps/event-router/src/routing/scripts/routeRun-1.ts',
        'apps/event-router/src/routing/scripts/index.ts',
      ]),
    );
    expect(discoverScripts().some((path) => path.includes('/includes/'))).toBe(false);
  });
});

const HEADER = (keys: string) => `--[[\n  Does a thing.\n\n  Input:\n${keys}\n    ARGV[1] a value\n\n  Output:\n    1\n]]\n`;

describe('parseScriptFileName', () => {
  it('takes the command name and key count from the file name', () => {
    expect(parseScriptFileName('deadLetterAppend-2.lua')).toEqual({ name: 'deadLetterAppend', numberOfKeys: 2 });
    expect(parseScriptFileName('/x/commands/tick-0.lua')).toEqual({ name: 'tick', numberOfKeys: 0 });
  });

  it('rejects a file that does not follow the convention, saying what it should be', () => {
    for (const file of ['dead-letter.lua', 'deadLetter.lua', 'DeadLetter-2.lua', 'dead_letter-2.lua', 'deadLetter-x.lua']) {
      expect(() => parseScriptFileName(file)).toThrow(/<name>-<numberOfKeys>\.lua/);
    }
  });
});

describe('checkScript', () => {
  it('accepts a header documenting KEYS[1]..KEYS[n], with Input: and Output:', () => {
    const source = `${HEADER('    KEYS[1] a\n    KEYS[2] b')}return redis.call('GET', KEYS[2])\n`;
    expect(() => checkScript('x-2.lua', 2, source)).not.toThrow();
  });

  it('fails without a --[[ header', () => {
    expect(() => checkScript('x-1.lua', 1, `-- KEYS[1] a\nreturn 1\n`)).toThrow(/x-1\.lua: a script starts with a --\[\[ \.\.\. \]\] header/);
    expect(() => checkScript('x-1.lua', 1, `--[[\n  Input:\n    KEYS[1] a\n  Output:\n`)).toThrow(/never closed/);
  });

  it('fails without Input: or Output:', () => {
    expect(() => checkScript('x-1.lua', 1, `--[[\n  KEYS[1] a\n  Output: 1\n]]\n`)).toThrow(/no "Input:" section/);
    expect(() => checkScript('x-1.lua', 1, `--[[\n  Input:\n    KEYS[1] a\n]]\n`)).toThrow(/no "Output:" section/);
  });

  it('fails when a key of the file name is not documented', () => {
    expect(() => checkScript('x-2.lua', 2, `${HEADER('    KEYS[1] a')}return 1\n`)).toThrow(/x-2\.lua: the file name says 2 keys, but the header does not document KEYS\[2\]/);
  });

  it('fails when the header or the code names more keys than the file name', () => {
    expect(() => checkScript('x-1.lua', 1, `${HEADER('    KEYS[1] a\n    KEYS[2] b')}return 1\n`)).toThrow(/documents KEYS\[2\], but the file name says 1 keys/);
    expect(() => checkScript('x-1.lua', 1, `${HEADER('    KEYS[1] a')}return redis.call('GET', KEYS[3])\n`)).toThrow(/its code uses KEYS\[3\], but the file name says 1 keys/);
  });
});

describe('@include', () => {
  const files = (entries: Record<string, string>) => (path: string) => {
    if (!(path in entries)) throw new Error(`ENOENT ${path}`);
    return entries[path];
  };

  it('inlines includes/<name>.lua in place of the line, recursively, each fragment once per script', () => {
    const read = files({
      '/c/run-1.lua': `${HEADER('    KEYS[1] a')}local x = 1\n--- @include "includes/after"\n  ---  @include "includes/after"\nreturn after(x)\n`,
      '/c/includes/after.lua': `--- @include "parse"\nlocal function after(a) return parse(a) end\n`,
      '/c/includes/parse.lua': `local function parse(a) return a end\n\n`,
    });
    const lua = resolveIncludes('/c/run-1.lua', read);
    expect(lua).toBe(`${HEADER('    KEYS[1] a')}local x = 1\nlocal function parse(a) return a end\nlocal function after(a) return parse(a) end\nreturn after(x)\n`);
    expect(compileScript('/c/run-1.lua', read)).toEqual({ name: 'run', numberOfKeys: 1, lua, includes: ['/c/includes/after.lua', '/c/includes/parse.lua'] });
  });

  it('fails on a missing fragment, a malformed include line and a cycle', () => {
    expect(() => resolveIncludes('/c/a-0.lua', files({ '/c/a-0.lua': '--- @include "includes/none"\n' }))).toThrow(/\/c\/a-0\.lua:1: @include "includes\/none": there is no file \/c\/includes\/none\.lua/);
    expect(() => resolveIncludes('/c/a-0.lua', files({ '/c/a-0.lua': 'return 1\n--- @include includes/none\n' }))).toThrow(/\/c\/a-0\.lua:2: an include is written --- @include "includes\/<name>"/);
    expect(() => resolveIncludes('/c/a-0.lua', files({ '/c/a-0.lua': '--- @include "includes/b"\n', '/c/includes/b.lua': '--- @include "a-0"\n', '/c/includes/a-0.lua': '--- @include "b"\n' }))).toThrow(/include cycle/);
  });
});

describe('generateLuaScripts on a workspace', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lua-scripts-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes scripts/<name>-<n>.ts beside every commands/ folder of apps and libs, and an index, sorted', () => {
    write('apps/a/src/x/commands/zeta-1.lua', `${HEADER('    KEYS[1] k')}--- @include "includes/f"\nreturn "\\n"\n`);
    write('apps/a/src/x/commands/alpha-0.lua', `${HEADER('')}return 0\n`);
    write('apps/a/src/x/commands/includes/f.lua', 'local f = 1\n');
    write('libs/redis-streams/src/commands/own-1.lua', `${HEADER('    KEYS[1] k')}return 1\n`);
    write('apps/a/src/x/lua/ignored-1.lua', 'not a command\n');
    const files = generateLuaScripts(root);
    expect([...files.keys()]).toEqual([
      'apps/a/src/x/scripts/alpha-0.ts',
      'apps/a/src/x/scripts/index.ts',
      'apps/a/src/x/scripts/zeta-1.ts',
      'libs/redis-streams/src/scripts/index.ts',
      'libs/redis-streams/src/scripts/own-1.ts',
    ]);
    expect(files.get('apps/a/src/x/scripts/zeta-1.ts')).toBe(
      [
        '// generated by libs/redis-streams/codegen/lua-scripts.ts from ../commands/zeta-1.lua; do not edit',
        '// includes ../commands/includes/f.lua',
        "import type { LuaScript } from '@app/redis-streams';",
        '',
        'export const zeta: LuaScript = {',
        "  name: 'zeta',",
        '  numberOfKeys: 1,',
        `  lua: ${JSON.stringify(`${HEADER('    KEYS[1] k')}local f = 1\nreturn "\\n"\n`)},`,
        '};',
        '',
      ].join('\n'),
    );
    expect(files.get('apps/a/src/x/scripts/index.ts')).toBe(
      [
        '// generated by libs/redis-streams/codegen/lua-scripts.ts from ../commands/*.lua; do not edit',
        "export { alpha } from './alpha-0';",
        "export { zeta } from './zeta-1';",
        '',
      ].join('\n'),
    );
    expect(files.get('libs/redis-streams/src/scripts/own-1.ts')).toContain("import type { LuaScript } from '../commands/lua-script';");
  });

  it('fails naming the file when a script breaks the convention', () => {
    write('libs/b/src/commands/bad-2.lua', `${HEADER('    KEYS[1] k')}return 1\n`);
    expect(() => generateLuaScripts(root)).toThrow('libs/b/src/commands/bad-2.lua: the file name says 2 keys, but the header does not document KEYS[2]');
  });
});
