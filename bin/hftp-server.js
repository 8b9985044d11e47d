#!/usr/bin/env node
// The reference HFTP server: `hftp-server -p PORT -d DIR [-a ADDRESS]`.
//
// It runs from dist/ (compiled by `npm run build`, which `npm install` in a checkout and
// `npm pack` run) when that was compiled from the sources as they are now: without the
// TypeScript compiler in memory it needs about 45 MB instead of 105. After an edit to the
// sources, until the next build, it runs them through ts-node, so it never runs stale code.
//
// "As they are now" compares contents, not times: each compiled file's source map carries
// the source it was compiled from (inlineSources). File times say nothing in an installed
// package: npm extracts a tarball in its own order, with the time of extraction.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const SOURCES = ['reference-server', 'protocol'];

function compiledIsFresh() {
  for (const dir of SOURCES) {
    for (const name of fs.readdirSync(path.join(root, 'src', dir))) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const map = path.join(root, 'dist', dir, name.replace(/\.ts$/, '.js.map'));
      try {
        const compiledFrom = JSON.parse(fs.readFileSync(map, 'utf8')).sourcesContent?.[0];
        if (compiledFrom !== fs.readFileSync(path.join(root, 'src', dir, name), 'utf8')) return false;
      } catch {
        return false; // never compiled, or compiled without its source
      }
    }
  }
  return true;
}

let main;
if (compiledIsFresh()) {
  ({ main } = require('../dist/reference-server/main'));
} else {
  require('./register-typescript').registerTypeScript();
  ({ main } = require('../src/reference-server/main'));
}
main(process.argv.slice(2)).then((code) => process.exit(code));
