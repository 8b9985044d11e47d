import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { HEAD_BYTES, TAIL_BYTES, Transcript } from './transcript';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');
const lines = (transcript: Transcript): string[] => transcript.format().split('\n');

describe('Transcript', () => {
  test('an empty transcript says so', () => {
    assert.equal(new Transcript().format(), '  (nothing was sent or received)');
    assert.equal(new Transcript().format('> '), '> (nothing was sent or received)');
  });

  test('bytes are escaped, with CR LF visible, and the direction shown', () => {
    const transcript = new Transcript();
    transcript.record('A', 'sent', b('get_metadata archivo.txt\r\n'));
    transcript.record('A', 'received', b('0 OK\r\n41\r\n\0\xff'));
    const [sent, received] = lines(transcript);
    assert.match(sent, /^ {2} *\+\d+\.\d ms {2}A {2}> {2}"get_metadata archivo\.txt\\r\\n"$/);
    assert.match(received, /^ {2} *\+\d+\.\d ms {2}A {2}< {2}"0 OK\\r\\n41\\r\\n\\0\\xff"$/);
  });

  test('the indent is applied to every line', () => {
    const transcript = new Transcript();
    transcript.record('A', 'sent', b('quit\r\n'));
    transcript.event('A', 'closed');
    for (const line of transcript.format('>>>>').split('\n')) assert.ok(line.startsWith('>>>>'), line);
  });

  test('events appear, in order with the bytes', () => {
    const transcript = new Transcript();
    transcript.event('A', 'connected to 127.0.0.1:19500');
    transcript.record('A', 'sent', b('quit\r\n'));
    transcript.record('A', 'received', b('0 OK\r\n'));
    transcript.event('A', 'closed by the server (EOF)');
    const out = lines(transcript);
    assert.equal(out.length, 4);
    assert.match(out[0], /ms {2}A {2}-- connected to 127\.0\.0\.1:19500$/);
    assert.match(out[1], /> {2}"quit\\r\\n"$/);
    assert.match(out[2], /< {2}"0 OK\\r\\n"$/);
    assert.match(out[3], /ms {2}A {2}-- closed by the server \(EOF\)$/);
  });

  test('consecutive pieces in one direction merge into one entry', () => {
    const transcript = new Transcript();
    transcript.record('A', 'received', b('0 O'));
    transcript.record('A', 'received', b('K\r'));
    transcript.record('A', 'received', b('\n41\r\n'));
    const out = lines(transcript);
    assert.equal(out.length, 1);
    assert.match(out[0], /< {2}"0 OK\\r\\n41\\r\\n"$/);
  });

  test('a change of direction, of connection, or an event starts a new entry', () => {
    const transcript = new Transcript();
    transcript.record('A', 'sent', b('a'));
    transcript.record('A', 'received', b('b'));
    transcript.record('A', 'sent', b('c'));
    transcript.record('B', 'sent', b('d'));
    transcript.event('B', 'note');
    transcript.record('B', 'sent', b('e'));
    const out = lines(transcript);
    assert.equal(out.length, 6);
    assert.match(out[0], /A {2}> {2}"a"$/);
    assert.match(out[1], /A {2}< {2}"b"$/);
    assert.match(out[2], /A {2}> {2}"c"$/);
    assert.match(out[3], /B {2}> {2}"d"$/);
    assert.match(out[4], /B {2}-- note$/);
    assert.match(out[5], /B {2}> {2}"e"$/);
  });

  test('pieces far apart in time are separate entries', async () => {
    const transcript = new Transcript();
    transcript.record('A', 'sent', b('a'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    transcript.record('A', 'sent', b('b'));
    assert.equal(lines(transcript).length, 2);
  });

  test('a long entry keeps its head and tail, and says how many bytes were left out', () => {
    const transcript = new Transcript();
    const bytes = Buffer.alloc(10_000, 0x61);
    bytes.write('HEAD', 0, 'latin1');
    bytes.write('TAIL\r\n', 10_000 - 6, 'latin1');
    transcript.record('A', 'received', bytes);
    const [line] = lines(transcript);
    const match = /< {2}"(a*|HEADa*)" \.\.\. (\d+) bytes \.\.\. "(a*TAIL\\r\\n)" \((\d+) bytes\)$/.exec(line);
    assert.ok(match, line);
    assert.ok(match[1].startsWith('HEAD'));
    assert.equal(match[1].length, HEAD_BYTES);
    assert.equal(match[3].length, TAIL_BYTES - 2 + 4); // CR LF escaped as four characters
    assert.equal(Number(match[2]), 10_000 - HEAD_BYTES - TAIL_BYTES);
    assert.equal(Number(match[4]), 10_000);
  });

  test('head and tail survive when the long entry arrives in small pieces', () => {
    const transcript = new Transcript();
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => 0x41 + (i % 26)));
    for (let i = 0; i < bytes.length; i += 7) transcript.record('A', 'received', bytes.subarray(i, i + 7));
    const [line] = lines(transcript);
    const expected =
      `"${bytes.subarray(0, HEAD_BYTES).toString('latin1')}" ... ${3000 - HEAD_BYTES - TAIL_BYTES} bytes ... ` +
      `"${bytes.subarray(3000 - TAIL_BYTES).toString('latin1')}" (3000 bytes)`;
    assert.ok(line.endsWith(expected), line);
  });

  test('an entry just over the head size is shown whole', () => {
    const transcript = new Transcript();
    const size = HEAD_BYTES + TAIL_BYTES;
    transcript.record('A', 'received', Buffer.alloc(size, 0x62));
    const [line] = lines(transcript);
    assert.ok(line.endsWith(`"${'b'.repeat(size)}" (${size} bytes)`), line);
    assert.ok(!line.includes('...'));
  });

  test('an entry of exactly the head size shows no size', () => {
    const transcript = new Transcript();
    transcript.record('A', 'received', Buffer.alloc(HEAD_BYTES, 0x62));
    const [line] = lines(transcript);
    assert.ok(line.endsWith(`"${'b'.repeat(HEAD_BYTES)}"`), line);
  });

  test('many entries: the first and the last are kept, the middle elided', () => {
    const transcript = new Transcript();
    for (let i = 0; i < 500; i++) transcript.event('A', `event ${i}`);
    const out = lines(transcript);
    assert.equal(out.length, 121);
    assert.match(out[0], /-- event 0$/);
    assert.match(out[59], /-- event 59$/);
    assert.equal(out[60], '  ... 380 more entries ...');
    assert.match(out[61], /-- event 440$/);
    assert.match(out[120], /-- event 499$/);
  });

  test('exactly 120 entries: nothing elided', () => {
    const transcript = new Transcript();
    for (let i = 0; i < 120; i++) transcript.event('A', `event ${i}`);
    const out = lines(transcript);
    assert.equal(out.length, 120);
    assert.ok(!transcript.format().includes('more entries'));
  });

  test('a 10 MB flood keeps memory and output bounded', () => {
    const transcript = new Transcript();
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    const total = 10 * 1024 * 1024;
    // One direction, as fast as possible: merged into few entries.
    for (let sent = 0; sent < total; sent += chunk.length) transcript.record('A', 'received', chunk);
    // Then alternating directions, many small entries.
    for (let i = 0; i < 2000; i++) transcript.record('A', i % 2 ? 'sent' : 'received', chunk.subarray(0, 1000));
    const out = transcript.format();
    assert.ok(out.split('\n').length <= 121, `${out.split('\n').length} lines`);
    // At most 120 entries of about HEAD_BYTES + TAIL_BYTES escaped bytes each, plus the framing text.
    assert.ok(out.length < 121 * 800, `${out.length} characters`);
    assert.match(out, /more entries/);
    const entries = (transcript as unknown as { entries: unknown[] }).entries;
    assert.ok(entries.length <= 120, `${entries.length} entries kept`);
  });

  test('a 10 MB flood in one direction is counted whole', () => {
    const transcript = new Transcript();
    const chunk = Buffer.alloc(1024 * 1024, 0x78);
    for (let i = 0; i < 10; i++) transcript.record('A', 'received', chunk);
    const out = lines(transcript);
    // Usually one merged entry; on a slow machine perhaps a few. The byte counts add up to 10 MiB.
    let counted = 0;
    for (const line of out) {
      const match = /\((\d+) bytes\)$/.exec(line);
      assert.ok(match, line);
      counted += Number(match[1]);
      assert.ok(line.length < 1000, `line of ${line.length} characters`);
    }
    assert.equal(counted, 10 * 1024 * 1024);
  });
});
