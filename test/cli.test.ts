import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { main } from '../src/cli/main';
import { freePort } from '../src/target/target';
import { listeningPort, ROOT as root, runCli } from './run-cli';

/*
 * The conformance CLI end to end, as a user runs it: a subprocess, real servers on loopback,
 * started from a folder outside this repository (a student runs it from their server's
 * folder). Each run selects a few scenarios with --tags to stay quick.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-cli-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
/** Where the CLI runs: a folder of its own, outside the repository, without a tsconfig.json. */
const elsewhere = path.join(scratch, 'elsewhere');
mkdirSync(elsewhere);

const run = (args: string[], cwd = elsewhere) => runCli(args, { cwd });

const node = (script: string) => `"${process.execPath}" "${path.join(root, script)}"`;

/** The wrong server's run, with its reports: shared by the test of its verdict and the schema check of its JUnit report. */
const wrongJunit = path.join(scratch, 'wrong.xml');
const wrongJson = path.join(scratch, 'wrong.json');
let wrongRun: ReturnType<typeof run> | undefined;
const runWrongServer = () =>
  (wrongRun ??= run([
    '--server',
    `${node('test/wrong-server.js')} -p {port} -d {dir}`,
    '--tags',
    '@LIST-1 or @SLICE-2 or @STATUS-2 or @CMD-1',
    '--junit',
    wrongJunit,
    '--json',
    wrongJson,
  ]));
const HAVE_XMLLINT = spawnSync('xmllint', ['--version']).error === undefined;

// The runs mostly wait on sockets and timers: let them overlap.
describe('hftp-conformance', { concurrency: 3 }, () => {
  test('a wrong server is NOT CONFORMANT, with the broken rules named in the output, the JSON and the JUnit report', async () => {
    const result = await runWrongServer();
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /NOT CONFORMANT to course-2024: 3 rules failed \(STATUS-2, LIST-1, SLICE-2\)/);
    assert.match(result.stdout, /^CMD-1 +must +pass/m);
    assert.match(result.stdout, /^SLICE-2 +must +FAIL +status 203/m);

    const report = JSON.parse(readFileSync(wrongJson, 'utf8'));
    assert.equal(report.conformant, false);
    assert.deepEqual(
      report.rules.filter((r: { outcome: string }) => r.outcome === 'failed').map((r: { id: string }) => r.id),
      ['STATUS-2', 'LIST-1', 'SLICE-2'],
    );
    const failed = report.scenarios.find((s: { rule: string; outcome: string }) => s.rule === 'SLICE-2' && s.outcome === 'failed');
    assert.match(failed.transcript, /> {2}"get_slice /);

    const xml = readFileSync(wrongJunit, 'utf8');
    assert.match(xml, /<testcase classname="hftp.slices" name="SLICE-2: /);
  });

  test("the wrong server's JUnit report validates against test/junit.xsd", { skip: !HAVE_XMLLINT && 'xmllint is not installed' }, async () => {
    const result = await runWrongServer();
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const xmllint = spawnSync('xmllint', ['--noout', '--schema', path.join(__dirname, 'junit.xsd'), wrongJunit], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(xmllint.error, undefined, String(xmllint.error));
    assert.equal(xmllint.status, 0, xmllint.stderr);
  });

  test("`npx cucumber-js` in the repository gives the CLI's verdict: the same table and verdict line", async () => {
    const server = `${node('test/wrong-server.js')} -p {port} -d {dir}`;
    const tags = '@LIST-1 or @SLICE-2 or @CMD-1 or @STATUS-7';
    const viaCli = await run(['--server', server, '--tags', tags]);
    const direct = await runCli(['--tags', tags], {
      command: path.join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'),
      env: { HFTP_SERVER: server },
    });
    /** From the table's header to the verdict line. */
    const summary = (output: string) => output.slice(output.lastIndexOf('\nRULE ')).trim();
    assert.match(summary(viaCli.stdout), /NOT CONFORMANT to course-2024: 2 rules failed \(LIST-1, SLICE-2\)/, viaCli.stdout + viaCli.stderr);
    assert.equal(summary(direct.stdout), summary(viaCli.stdout), direct.stdout + direct.stderr);
    // Cucumber keeps its own exit status: 1 when a scenario failed.
    assert.equal(direct.status, 1);
  });

  test("from a server's folder: a relative --server command, started there", async () => {
    // The student's command: `npx hftp-conformance --server "python3 server.py ..."` in the
    // folder of server.py. Here server.js is the bundled reference server, under another name.
    const folder = path.join(scratch, 'my-server');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'server.js'), `require(${JSON.stringify(path.join(root, 'bin', 'hftp-server.js'))});\n`);
    const result = await run(['--server', `"${process.execPath}" server.js -p {port} -d {dir}`, '--tags', '@FRAME-1 or @META-1'], folder);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^CONFORMANT to course-2024: \d+ passed, 0 failed\.$/m);
  });

  test('a closed port: exit 2 at once, with one clear sentence', async () => {
    const port = await freePort();
    let stderr = '';
    const io = { stdout: new PassThrough().resume(), stderr: new Writable({ write: (chunk, _, done) => ((stderr += chunk), done()) }) };
    const status = await main(['--host', '127.0.0.1', '--port', String(port)], io);
    assert.equal(status, 2);
    // "At once" is structural: the connection was refused; nothing waited for a timeout.
    assert.equal(stderr.trim(), `Cannot test: Nothing accepts connections on 127.0.0.1:${port}: connection refused. Is the server running, on that port?`);
  });

  test('a silent server: exit 2, the preflight says it never answers, bounded by its budget (the sentence names it)', async () => {
    const result = await run(['--server', `${node('test/silent-server.js')} -p {port}`, '--tags', '@META-2 or @CMD-1', '--timeout', '300']);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /^Cannot test: The server at 127\.0\.0\.1:\d+ accepts connections but never answers: nothing came within \d\.\d s of "get_metadata /m,
    );
  });

  test('a server that never starts: exit 2 with its stderr', async () => {
    const result = await run(['--server', `${node('test/silent-server.js')} -p not-a-port; echo "cannot bind" >&2; exit 4`]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /exited before accepting connections \(code 4/);
    assert.match(result.stderr, /cannot bind/);
  });

  test('attach mode on a directory written by `fixtures`, and bad arguments', async () => {
    const dir = path.join(scratch, 'served');
    const fixtures = await run(['fixtures', dir]);
    assert.equal(fixtures.status, 0);
    assert.ok(readdirSync(dir).includes('big33M.bin'));

    const server = spawn(process.execPath, [path.join(root, 'bin', 'hftp-server.js'), '-a', '127.0.0.1', '-p', '0', '-d', dir], { cwd: elsewhere });
    try {
      const port = await listeningPort(server);
      const attached = await run(['--host', '127.0.0.1', '--port', String(port), '--tags', '@META-1 or @LIST-3']);
      assert.equal(attached.status, 0, attached.stdout + attached.stderr);
      assert.match(attached.stdout, /^LIST-3 +must +skip +the suite does not manage the served directory/m);
      const managed = await run(['--host', '127.0.0.1', '--port', String(port), '--data-dir', dir, '--tags', '@LIST-3']);
      assert.equal(managed.status, 0, managed.stdout + managed.stderr);
      assert.match(managed.stdout, /^LIST-3 +must +pass/m);
    } finally {
      server.kill();
    }

    assert.equal((await run(['--profile', 'course-1999'])).status, 2);
    assert.equal((await run(['--with', 'telepathy', '--port', '1'])).status, 2);
    const profiles = await run(['profiles']);
    assert.equal(profiles.status, 0);
    assert.match(profiles.stdout, /course-2026 +the 2026 kickstart/);
  });
});
