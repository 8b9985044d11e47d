import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { networkJail, sandboxedCommand, sandboxProblem } from '../src/class/sandbox';
import { runCli } from './run-cli';

/*
 * --sandbox (bubblewrap): a server in it cannot read the staff's files outside its folder,
 * write anywhere but its folder and served directory, reach any address but loopback, or
 * exceed its memory and process caps; and a sandboxed server still passes the suite.
 *
 * The non-loopback address is TEST-NET-1 (192.0.2.1), connected to only inside the
 * sandbox's network namespace, which has no interface but lo: the kernel refuses at once
 * (ENETUNREACH) and no packet can leave.
 */
const problem = sandboxProblem();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-sandbox-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const PROBE = String.raw`
import json, os, socket, subprocess, sys
r = {}
def attempt(name, f):
    try:
        r[name] = 'ok: ' + str(f())
    except BaseException as e:
        r[name] = type(e).__name__ + ': ' + str(e)
attempt('read other group', lambda: open(sys.argv[1]).read())
attempt('read staff file', lambda: open(sys.argv[2]).read())
attempt('write system', lambda: open('/usr/hftp-probe', 'w'))
attempt('write own folder', lambda: open('probe-wrote.txt', 'w').write('x'))
attempt('write served dir', lambda: open(os.path.join(sys.argv[3], 'probe.txt'), 'w').write('x'))
attempt('system files readable', lambda: len(open('/etc/os-release').read()) > 0)
def connect():
    s = socket.socket(); s.settimeout(3); s.connect(('192.0.2.1', 80))
attempt('connect TEST-NET', connect)
r['interfaces'] = sorted(l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:])
r['visible processes'] = len([p for p in os.listdir('/proc') if p.isdigit()])
def fork_many():
    ps = []
    try:
        for i in range(64):
            ps.append(subprocess.Popen(['sleep', '5']))
        return len(ps)
    finally:
        for p in ps: p.kill()
attempt('start 64 processes', fork_many)
attempt('allocate 1 GiB', lambda: len(bytearray(1 << 30)))
print(json.dumps(r))
`;

describe('the sandbox', { skip: problem ?? false }, () => {
  test('a sandboxed server cannot read outside its folder, write outside it, reach a non-loopback address, or pass its caps', () => {
    const classDir = path.join(scratch, 'class');
    const folder = path.join(classDir, 'group-a');
    const other = path.join(classDir, 'group-b');
    const served = path.join(scratch, 'served');
    for (const dir of [folder, other, served]) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(folder, 'probe.py'), PROBE);
    writeFileSync(path.join(other, 'server.py'), '# group b\n');
    const staffFile = path.join(scratch, 'grades.txt');
    writeFileSync(staffFile, 'secret grades\n');

    const command = sandboxedCommand(`python3 probe.py ${path.join(other, 'server.py')} ${staffFile} {dir}`, folder, {
      memoryMb: 512,
      processes: 32,
      hide: [classDir],
    });
    // The kernel never applies RLIMIT_NPROC to root: as root, the probe runs as nobody, as staff would run the class.
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asNobody.length) for (const dir of [scratch, classDir, folder, served]) chownSync(dir, 65534, 65534);
    const argv = [...asNobody, ...networkJail(), '/bin/sh', '-c', command.replaceAll('{dir}', served).replaceAll('{port}', '0')];
    const run = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const r = JSON.parse(run.stdout.trim().split('\n').pop() as string);

    assert.match(r['read other group'], /^FileNotFoundError/);
    assert.match(r['read staff file'], /^FileNotFoundError/);
    assert.match(r['write system'], /^OSError: \[Errno 30\] Read-only file system/);
    assert.equal(r['write own folder'], 'ok: 1');
    assert.equal(r['write served dir'], 'ok: 1');
    assert.equal(r['system files readable'], 'ok: True');
    assert.match(r['connect TEST-NET'], /Network is unreachable/);
    assert.deepEqual(r.interfaces, ['lo']);
    assert.ok(r['visible processes'] < 10, `the server sees only its own processes, saw ${r['visible processes']}`);
    assert.match(r['start 64 processes'], /^BlockingIOError|Resource temporarily unavailable/);
    assert.match(r['allocate 1 GiB'], /^MemoryError/);
    assert.equal(readFileSync(path.join(folder, 'probe-wrote.txt'), 'utf8'), 'x');
    assert.equal(readFileSync(path.join(served, 'probe.txt'), 'utf8'), 'x');
  });

  test('a sandboxed server still passes the suite', async () => {
    const root = path.resolve(__dirname, '..');
    const manifest = path.join(scratch, 'class.tsv');
    writeFileSync(
      manifest,
      `name\tfolder\tcommand\nsandboxed-crlf-framer\t${path.join(root, 'test', 'student-servers')}\tpython3 server.py --variant crlf-framer -p {port} -d {dir}\n`,
    );
    const json = path.join(scratch, 'sandboxed.json');
    const result = await runCli(
      [
        'class',
        manifest,
        '--sandbox',
        '--tags',
        'not @stress and (@FRAME or @LIST-1 or @LIST-2 or @META-1 or @SLICE-1 or @CONC-1 or @QUIT-1)',
        '--out',
        path.join(scratch, 'out'),
        '--json',
        json,
      ],
      { cwd: scratch },
    );
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /each in a sandbox/);
    const matrix = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(matrix.rows[0].status, 'conformant', result.output);
    assert.ok(Object.keys(matrix.rows[0].cells).length >= 5);
  });
});

test('without bubblewrap, --sandbox refuses to run untrusted code, saying how to install it', {
  skip: problem === null && 'bubblewrap is installed here',
}, async () => {
  const manifest = path.join(scratch, 'one.tsv');
  writeFileSync(manifest, `name\tfolder\nx\t${scratch}\n`);
  const result = await runCli(['class', manifest, '--sandbox', '--out', path.join(scratch, 'o')], { cwd: scratch });
  assert.equal(result.status, 2);
  assert.match(result.output, /Cannot sandbox: .*bubblewrap/);
});
