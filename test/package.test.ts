import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

/*
 * The package as a student gets it: `npm pack`, installed into an empty project, then
 * `npx hftp-conformance` from a third folder. No network: the install takes every dependency
 * from npm's cache (warm after `npm ci`), at the versions of this repository's lockfile.
 */
const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
};
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-package-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a command run as if typed in a terminal: without what `npm test` sets
 * for its own script (the package being tested, its prefix), nor the suite's HFTP_ settings.
 */
function userEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(HFTP_|npm_package_|npm_lifecycle_|npm_command$|npm_config_(local_prefix|prefix|call)$)/.test(name)) delete env[name];
  }
  return env;
}

/** npm, the same one that runs `npm test` when there is one. */
function npm(args: string[], cwd: string): Promise<Run> {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.js$/.test(cli) ? spawnRun(process.execPath, [cli, ...args], cwd) : spawnRun('npm', args, cwd);
}

function spawnRun(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: userEnvironment() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A lockfile for a project that depends on the tarball only: the tarball, and the entries of
 * this repository's lockfile that are not devDependencies (the tree the tarball needs). With
 * it, `npm ci --offline` needs nothing but npm's cache, and installs what `npm ci` tested.
 */
function projectLock(spec: string, integrity: string): object {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const packages: Record<string, object> = {
    '': { name: 'project', dependencies: { [manifest.name]: spec } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: spec,
      integrity,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [where, entry] of Object.entries(lock.packages)) if (where && !entry.dev) packages[where] = entry;
  return { name: 'project', lockfileVersion: 3, requires: true, packages };
}

describe('the package, installed from its tarball', () => {
  const project = path.join(scratch, 'project');
  const elsewhere = path.join(scratch, 'elsewhere');
  let files: string[] = [];

  before(async () => {
    // --ignore-scripts: the tarball takes dist/ as `npm ci` built it, instead of rebuilding it
    // under the feet of the other tests that run the reference server from it.
    const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], root);
    assert.equal(packed.status, 0, packed.stderr);
    const [tarball] = JSON.parse(packed.stdout) as { filename: string; integrity: string; files: { path: string }[] }[];
    files = tarball.files.map((file) => file.path);

    mkdirSync(project);
    mkdirSync(elsewhere);
    const spec = `file:${path.relative(project, path.join(scratch, tarball.filename))}`;
    writeFileSync(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'project', private: true, dependencies: { [manifest.name]: spec } }, null, 2)}\n`,
    );
    writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify(projectLock(spec, tarball.integrity), null, 2)}\n`);
    const installed = await npm(['ci', '--offline', '--no-audit', '--no-fund'], project);
    assert.equal(
      installed.status,
      0,
      `npm ci --offline of the tarball failed (is npm's cache warm? run npm ci first):\n${installed.stdout}${installed.stderr}`,
    );
  });

  test('holds what the commands load, and no compiled step definitions', () => {
    for (const file of [
      'bin/hftp-conformance.js',
      'bin/hftp-server.js',
      'bin/register-typescript.js',
      'tsconfig.json',
      'cucumber.cjs',
      'src/cli/main.ts',
      'dist/reference-server/main.js',
      'dist/reference-server/main.js.map',
    ]) {
      assert.ok(files.includes(file), `${file} is not in the tarball`);
    }
    assert.ok(files.some((file) => file.startsWith('features/') && file.endsWith('.feature')));
    assert.ok(files.some((file) => file.startsWith('fixtures/')));
    assert.deepEqual(
      files.filter((file) => file.startsWith('step-definitions/') && !file.endsWith('.ts')),
      [],
    );
  });

  test('`npx hftp-conformance` from a third folder tests the bundled reference server', async () => {
    // --prefix: the project the package was installed in (a student runs npx from it); --no:
    // never download it instead.
    const result = await npm(['exec', '--prefix', project, '--no', '--', 'hftp-conformance', '--tags', '@FRAME-1 or @LIST-1'], elsewhere);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^Testing the reference server /m);
    assert.match(result.stdout, /^CONFORMANT to reference: \d+ passed, 0 failed\.$/m);
  });
});
