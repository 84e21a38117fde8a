const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const workspaceRoot = path.resolve(__dirname, '../..');

/**
 * Bundles one app's TypeScript (and the workspace libs it imports by alias) into
 * dist/apps/<app>/main.js. npm packages stay external and load from node_modules.
 * ts-loader runs transpile-only: type checking is `npm run typecheck`, once for the whole tree,
 * and tsc (unlike esbuild) keeps the decorator metadata Nest's injection needs.
 */
function appWebpackConfig(app) {
  return {
    mode: 'production',
    target: 'node',
    context: workspaceRoot,
    entry: path.join(workspaceRoot, 'apps', app, 'src', 'main.ts'),
    output: {
      path: path.join(workspaceRoot, 'dist', 'apps', app),
      filename: 'main.js',
      clean: true,
    },
    devtool: 'source-map',
    optimization: { minimize: false },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: path.join(workspaceRoot, 'node_modules'), allowlist: [/^@app\//] })],
    resolve: {
      extensions: ['.ts', '.js'],
      plugins: [new TsconfigPathsPlugin({ configFile: path.join(workspaceRoot, 'tsconfig.base.json') })],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: { transpileOnly: true, configFile: path.join(workspaceRoot, 'tsconfig.base.json') },
        },
      ],
    },
    stats: 'errors-warnings',
  };
}

module.exports = { appWebpackConfig };
