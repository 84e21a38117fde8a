import type { RedisClient } from '@app/platform';
import type { LuaScript } from './lua-script';
import * as scripts from '../scripts';

export interface RedisStreamsCommands {
  /** Keys from `deadLetterKeys`; returns the dead-letter entry id, appended now or by an earlier call. */
  deadLetterAppend(deadLetterStream: string, marker: string, record: string, markerTtlSeconds: number): Promise<string>;
}

/**
 * Defines each script as a command on a connection, named as the script (ioredis sends EVALSHA, falling back to
 * EVAL once per script and connection). `C` declares the commands' signatures. The scripts come from a generated
 * `scripts/` module: Lua lives in `commands/<name>-<numberOfKeys>.lua` beside the code that uses it, and
 * `npx nx run redis-streams:codegen` embeds it (see libs/redis-streams/codegen/lua-scripts.ts).
 */
export function defineLuaCommands<C, R extends RedisClient = RedisClient>(redis: R, scripts: readonly LuaScript[]): R & C {
  for (const script of scripts) {
    redis.defineCommand(script.name, { numberOfKeys: script.numberOfKeys, lua: script.lua });
  }
  return redis as R & C;
}

/** Defines this lib's own Lua commands (every script of its generated `src/scripts/`) on a connection. */
export function defineCommands(redis: RedisClient): RedisClient & RedisStreamsCommands {
  return defineLuaCommands<RedisStreamsCommands>(redis, Object.values(scripts));
}
