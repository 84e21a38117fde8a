const fs = require('node:fs');
const path = require('node:path');
const { appWebpackConfig } = require('../../tools/build/app-webpack-config');

const DASHBOARD = path.join(__dirname, 'src/dashboard/static');

/**
 * The dashboard's HTML, CSS and browser JavaScript are files, not modules of the bundle: emitted
 * beside main.js as `dashboard/...`, where `dashboardDirectory()` looks for them (the image ships
 * only dist/ and node_modules/). chart.js is read from node_modules at run time.
 */
class DashboardFilesPlugin {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('DashboardFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'DashboardFilesPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const walk = (dir) =>
          fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
        for (const file of walk(DASHBOARD)) {
          compilation.fileDependencies.add(file);
          compilation.emitAsset(`dashboard/${path.relative(DASHBOARD, file).split(path.sep).join('/')}`, new RawSource(fs.readFileSync(file)));
        }
      });
    });
  }
}

const config = appWebpackConfig('monitor-api');
module.exports = { ...config, plugins: [...(config.plugins ?? []), new DashboardFilesPlugin()] };
