const path = require('node:path');
const { appWebpackConfig } = require('../../tools/build/app-webpack-config');
const { CopyRedisStreamsLuaPlugin } = require('../../libs/redis-streams/webpack/copy-lua-scripts');

const config = appWebpackConfig('pipeline-trigger');

module.exports = {
  ...config,
  plugins: [...(config.plugins ?? []), new CopyRedisStreamsLuaPlugin(path.join(__dirname, 'src', 'engine', 'lua'))],
};
