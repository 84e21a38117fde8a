const { appWebpackConfig } = require('../../tools/build/app-webpack-config');
const { CopyRedisStreamsLuaPlugin } = require('../../libs/redis-streams/webpack/copy-lua-scripts');

const config = appWebpackConfig('event-router');
// @app/redis-streams loads its Lua scripts from files beside main.js at run time.
config.plugins = [...(config.plugins ?? []), new CopyRedisStreamsLuaPlugin()];

module.exports = config;
