import type { RedisClient } from '@app/platform';
import type { LuaScript } from './lua-script';
import { defineCommands, defineLuaCommands } from './script-loader';

function fakeRedis() {
  const defined: { name: string; definition: { numberOfKeys: number; lua: string } }[] = [];
  const redis = { defineCommand: (name: string, definition: { numberOfKeys: number; lua: string }) => void defined.push({ name, definition }) };
  return { redis: redis as unknown as RedisClient, defined };
}

describe('defineLuaCommands', () => {
  it('defines each script as a command named as the script, with its key count and Lua, on the same connection', () => {
    const { redis, defined } = fakeRedis();
    const scripts: LuaScript[] = [
      { name: 'one', numberOfKeys: 1, lua: 'return KEYS[1]' },
      { name: 'two', numberOfKeys: 2, lua: 'return KEYS[2]' },
    ];
    expect(defineLuaCommands<{ one(key: string): Promise<string> }>(redis, scripts)).toBe(redis);
    expect(defined).toEqual([
      { name: 'one', definition: { numberOfKeys: 1, lua: 'return KEYS[1]' } },
      { name: 'two', definition: { numberOfKeys: 2, lua: 'return KEYS[2]' } },
    ]);
  });
});

describe('defineCommands', () => {
  it("defines the lib's own scripts, embedded from commands/*.lua", () => {
    const { redis, defined } = fakeRedis();
    defineCommands(redis);
    expect(defined).toEqual([{ name: 'deadLetterAppend', definition: { numberOfKeys: 2, lua: expect.stringContaining('redis.call("XADD", KEYS[1], "*", "data", ARGV[1])') } }]);
  });
});
