const fs = require('node:fs');
const path = require('node:path');

const LUA_DIR = path.join(__dirname, '..', 'src', 'commands', 'lua');

/**
 * Webpack plugin for apps that bundle @app/redis-streams: emits its Lua scripts as `lua/*.lua`
 * beside main.js, where the script loader looks for them at run time. An app with Lua of its own
 * passes its folder (`new CopyRedisStreamsLuaPlugin(dir)`) and loads it with `defineLuaCommands`.
 */
class CopyRedisStreamsLuaPlugin {
  constructor(luaDir = LUA_DIR) {
    this.luaDir = luaDir;
  }

  apply(compiler) {
    const LUA_DIR = this.luaDir;
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('CopyRedisStreamsLuaPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CopyRedisStreamsLuaPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const file of fs.readdirSync(LUA_DIR).filter((name) => name.endsWith('.lua'))) {
          compilation.fileDependencies.add(path.join(LUA_DIR, file));
          compilation.emitAsset(`lua/${file}`, new RawSource(fs.readFileSync(path.join(LUA_DIR, file))));
        }
      });
    });
  }
}

module.exports = { CopyRedisStreamsLuaPlugin };
