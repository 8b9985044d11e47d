// Runs this package's TypeScript sources through ts-node, configured from the package's own
// directory: its tsconfig.json, transpile-only, and only for the package's own files. Nothing
// is looked up from the working directory, so the commands behave the same from a server's
// folder, from /tmp, or installed under node_modules (where ts-node's defaults would look for
// a tsconfig.json in the wrong place and refuse files below a node_modules directory).
// Registers once per process; a process that already has ts-node (`node -r ts-node/register`,
// the tests) keeps it.
const path = require('node:path');

const root = path.join(__dirname, '..');

function registerTypeScript() {
  if (process[Symbol.for('ts-node.register.instance')]) return;
  require('ts-node').register({
    project: path.join(root, 'tsconfig.json'),
    transpileOnly: true,
    scope: true,
    scopeDir: root,
    // Relative to the package: its own dependencies are JavaScript, its sources are not.
    ignore: ['(?:^|/)node_modules/'],
  });
}

module.exports = { registerTypeScript };
