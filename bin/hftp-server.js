#!/usr/bin/env node
// The reference HFTP server: `hftp-server -p PORT -d DIR [-a ADDRESS]`.
//
// It runs from dist/ (compiled by `npm run build`, which `npm install` runs) when that is up
// to date with the sources: without the TypeScript compiler in memory it needs about 45 MB
// instead of 105. After an edit to the sources, until the next build, it runs them through
// ts-node, so it never runs stale code.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const SOURCES = ['reference-server', 'protocol'];

function compiledIsFresh() {
  for (const dir of SOURCES) {
    for (const name of fs.readdirSync(path.join(root, 'src', dir))) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const source = fs.statSync(path.join(root, 'src', dir, name));
      const compiled = path.join(root, 'dist', dir, name.replace(/\.ts$/, '.js'));
      if (!fs.existsSync(compiled) || fs.statSync(compiled).mtimeMs < source.mtimeMs) return false;
    }
  }
  return true;
}

let main;
if (compiledIsFresh()) {
  ({ main } = require('../dist/reference-server/main'));
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  ({ main } = require('../src/reference-server/main'));
}
main(process.argv.slice(2)).then((code) => process.exit(code));
