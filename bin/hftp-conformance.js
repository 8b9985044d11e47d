#!/usr/bin/env node
// The conformance suite's command line: `hftp-conformance --server "CMD"` or `--host H --port P`.
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
require('../src/cli/main')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
