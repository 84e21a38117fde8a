import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from '@app/platform';

/**
 * Where the Lua files are: beside this file in the source tree, and in `lua/` next to main.js in a
 * webpack bundle (copied there by libs/redis-streams/webpack/copy-lua-scripts.js), where
 * `__dirname` is the bundle's folder. Both resolve to `<__dirname>/lua`.
 */
const LUA_DIR = join(__dirname, 'lua');

/** `deadLetter-2.lua` → name `deadLetter`, 2 keys (the BullMQ convention: the key count is part of the file name). */
export function parseScriptFileName(file: string): { name: string; numberOfKeys: number } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9]*)-(\d+)\.lua$/.exec(file);
  return match ? { name: match[1], numberOfKeys: Number(match[2]) } : undefined;
}

export interface RedisStreamsCommands {
  /** Keys from `deadLetterKeys`; returns the dead-letter entry id, appended now or by an earlier call. */
  deadLetterAppend(deadLetterStream: string, marker: string, record: string, markerTtlSeconds: number): Promise<string>;
}

const scriptsByDir = new Map<string, { name: string; numberOfKeys: number; lua: string }[]>();

function loadScripts(dir: string) {
  let scripts = scriptsByDir.get(dir);
  if (!scripts) {
    scripts = readdirSync(dir).flatMap((file) => {
      const parsed = parseScriptFileName(file);
      return parsed ? [{ ...parsed, lua: readFileSync(join(dir, file), 'utf8') }] : [];
    });
    scriptsByDir.set(dir, scripts);
  }
  return scripts;
}

/**
 * Defines every `<name>-<keys>.lua` of `dir` as a command on a connection (ioredis sends EVALSHA, falling back to
 * EVAL once per script). Apps with Lua of their own ship it the same way: files in a `lua/` folder beside the
 * code that loads them, copied next to main.js by CopyRedisStreamsLuaPlugin.
 */
export function defineLuaCommands<C, R extends RedisClient = RedisClient>(redis: R, dir: string): R & C {
  for (const script of loadScripts(dir)) {
    redis.defineCommand(script.name, { numberOfKeys: script.numberOfKeys, lua: script.lua });
  }
  return redis as R & C;
}

/** Defines this lib's own Lua commands on a connection. */
export function defineCommands(redis: RedisClient): RedisClient & RedisStreamsCommands {
  return defineLuaCommands<RedisStreamsCommands>(redis, LUA_DIR);
}
