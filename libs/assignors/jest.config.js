module.exports = {
  displayName: 'assignors',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
