#!/usr/bin/env node
// The conformance suite's command line: `hftp-conformance --server "CMD"` or `--host H --port P`.
// It runs the TypeScript sources (and cucumber loads the step definitions) through the one
// ts-node registration below, set up from this package's directory: see register-typescript.js.
require('./register-typescript').registerTypeScript();
require('../src/cli/main')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
