module.exports = {
  displayName: 'event-router',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
