const { appWebpackConfig } = require('../../tools/build/app-webpack-config');
const { CopyRedisStreamsLuaPlugin } = require('../../libs/redis-streams/webpack/copy-lua-scripts');

const config = appWebpackConfig('chat-consumer');

module.exports = { ...config, plugins: [...(config.plugins ?? []), new CopyRedisStreamsLuaPlugin()] };
