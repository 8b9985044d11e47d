import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import { describe, test } from 'node:test';
import { printfFormat, pythonBytes, pythonExpression } from './python-literal';
import { compress, repeatedUnit, stepsFromTranscript } from './repro-steps';
import { reproducer } from './reproducer';
import { HftpConnection } from '../client/hftp-connection';
import { Transcript, type TranscriptData, type TranscriptEntry } from '../client/transcript';

const entry = (atMs: number, direction: TranscriptEntry['direction'], head: string, extra: Partial<TranscriptEntry> = {}): TranscriptEntry => ({
  atMs,
  client: 'A',
  direction,
  length: head.length,
  head,
  omitted: 0,
  tail: '',
  ...extra,
});
const havePython = spawnSync('python3', ['--version']).status === 0;

describe('reproducer', () => {
  test('bytes as Python and printf literals', () => {
    assert.equal(pythonBytes(Buffer.from("a'\\\r\n\t\0\xff", 'latin1')), "b'a\\'\\\\\\r\\n\\t\\x00\\xff'");
    assert.equal(printfFormat(Buffer.from("50% 'x'\\\r\n\x01", 'latin1')), "'50%% \\047x\\047\\\\\\r\\n\\001'");
  });

  test("a real client's connects, close and reset are read back from its transcript", async () => {
    const server = net.createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const transcript = new Transcript();
      const port = (server.address() as net.AddressInfo).port;
      const a = await HftpConnection.connect({ host: '127.0.0.1', port, label: 'A', transcript });
      const b = await HftpConnection.connect({ host: '127.0.0.1', port, label: 'B', transcript });
      a.close();
      b.reset();
      const { steps } = stepsFromTranscript(transcript.toData());
      assert.deepEqual(
        steps.map((step) => `${step.client} ${step.action}`),
        ['A connect', 'B connect', 'A close', 'B reset'],
      );
    } finally {
      server.close();
    }
  });

  test('a long run of one byte becomes a repetition', () => {
    const pieces = compress([{ bytes: Buffer.from(`get_metadata ${'a'.repeat(100)}\r\n`) }]);
    assert.equal(pythonExpression(pieces), "b'get_metadata ' + b'a' * 100 + b'\\r\\n'");
  });

  test('the omitted middle of a long sent run is rebuilt from its repetition', () => {
    const size = 5 * 1024 * 1024;
    const head = `get_metadata ${'a'.repeat(187)}`;
    const transcript: TranscriptData = {
      elided: 0,
      entries: [
        entry(0, 'event', '', { note: 'connected to 127.0.0.1:1' }),
        entry(1, 'sent', head, { length: 13 + size + 2, omitted: 13 + size + 2 - 200 - 80, tail: `${'a'.repeat(78)}\\r\\n` }),
      ],
    };
    const { steps, caveats } = stepsFromTranscript(transcript);
    assert.deepEqual(caveats, []);
    assert.equal(pythonExpression(steps[1].pieces ?? []), `b'get_metadata ' + b'a' * ${size} + b'\\r\\n'`);
    assert.deepEqual(repeatedUnit(Buffer.from('xxabab'), Buffer.from('abab\r\n')), Buffer.from('ab'));
  });

  test('bytes that were not recorded and are no repetition are said to be missing', () => {
    const transcript: TranscriptData = {
      elided: 0,
      entries: [entry(0, 'sent', 'abcdefghij'.repeat(20), { length: 1000, omitted: 720, tail: 'zyxwvutsrq'.repeat(8) })],
    };
    const { caveats } = stepsFromTranscript(transcript);
    assert.match(caveats[0], /720 bytes .* were not recorded/);
  });

  test('the script sends the bytes with the pauses, and the shell form exists only for one send', () => {
    const transcript: TranscriptData = {
      elided: 0,
      entries: [
        entry(0, 'event', '', { note: 'connected to 127.0.0.1:1' }),
        entry(1, 'sent', 'qu'),
        entry(1001, 'sent', 'it\\r\\n'),
        entry(1002, 'received', '0 OK\\r\\n'),
      ],
    };
    const { steps } = stepsFromTranscript(transcript);
    const repro = reproducer(steps, { title: 'FRAME-3', port: 19500, expected: 'status 0' });
    assert.match(repro.python, /send\('A', b'qu'\)\nwatch\(1\.000\)\nsend\('A', b'it\\r\\n'\)/);
    assert.equal(repro.shell, undefined);
    const single = reproducer(steps.slice(0, 2), { title: 'x', port: 19500 });
    assert.match(single.shell ?? '', /^printf 'qu' \| nc -q 2 127\.0\.0\.1 19500/);
  });

  test('sends merged into one transcript entry go out as the same pieces, with the same pauses', () => {
    const transcript: TranscriptData = {
      elided: 0,
      entries: [
        entry(0, 'sent', 'quit\\r\\n', {
          length: 6,
          pieces: [
            { offset: 1, atMs: 10 },
            { offset: 2, atMs: 20 },
          ],
        }),
      ],
    };
    const { steps } = stepsFromTranscript(transcript);
    assert.deepEqual(
      steps.filter((step) => step.action === 'send').map((step) => [pythonExpression(step.pieces ?? []), step.atMs]),
      [
        ["b'q'", 0],
        ["b'u'", 10],
        ["b'it\\r\\n'", 20],
      ],
    );
    assert.match(reproducer(steps, { title: 'x', port: 1 }).python, /send\('A', b'q'\)\nwatch\(0\.010\)\nsend\('A', b'u'\)/);
  });

  test('the script is valid Python, in both languages', { skip: !havePython && 'python3 is not installed' }, () => {
    for (const lang of ['en', 'es'] as const) {
      const repro = reproducer([{ client: 'A', action: 'connect', atMs: 0 }], { title: 'it\'s "quoted"', port: 1, lang, expected: 'a\nb' });
      const result = spawnSync('python3', ['-c', `import ast,sys; ast.parse(sys.stdin.read())`], { input: repro.python });
      assert.equal(result.status, 0, result.stderr.toString());
    }
  });
});
