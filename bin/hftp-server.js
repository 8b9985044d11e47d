#!/usr/bin/env node
// The reference HFTP server: `hftp-server -p PORT -d DIR [-a ADDRESS]`.
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
require('../src/reference-server/main')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
