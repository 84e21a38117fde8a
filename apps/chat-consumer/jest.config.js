module.exports = {
  displayName: 'chat-consumer',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
