module.exports = {
  displayName: 'kafka-consume',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
