module.exports = {
  displayName: 'pipeline-trigger',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
