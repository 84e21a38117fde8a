module.exports = {
  displayName: 'monitor-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
