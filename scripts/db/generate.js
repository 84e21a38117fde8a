#!/usr/bin/env node
// Generates the Prisma client offline. `prisma generate` only needs the WASM bundled in the
// package, but it tries to download the schema engine unless PRISMA_SCHEMA_ENGINE_BINARY names an
// existing file; any file will do, and the running node binary always exists.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
execFileSync(process.execPath, [require.resolve('prisma/build/index.js', { paths: [root] }), 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
