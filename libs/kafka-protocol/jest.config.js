module.exports = {
  displayName: 'kafka-protocol',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
