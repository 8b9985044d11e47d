'use strict';
// `npx cucumber-js`: the same features, steps, order, tags and verdict as the CLI
// (src/cli/direct-run.ts), with the target and profile taken from the HFTP_* variables
// (README: "Running the features with cucumber-js directly"). TypeScript is registered
// here, once, the way the CLI registers it.
require('./bin/register-typescript').registerTypeScript();
const { directConfiguration } = require('./src/cli/direct-run.ts');

module.exports = { default: directConfiguration() };
