module.exports = {
  displayName: 'redis-streams',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
