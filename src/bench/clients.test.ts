import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { crowd } from './crowd';
import { LoadFailed, metadataLoad } from './metadata-load';
import { bigFile, patternMismatch, zeroMismatch } from './pattern';
import { readSlice, SliceReadFailed, type SliceReadOptions } from './slice-reader';
import { configFromEnvironment } from '../conformance/config';
import { freePort } from '../target/target';
import { TestServers } from '../testing/test-servers';

/*
 * The bench's clients against small fake servers: right answers are measured, wrong ones
 * (wrong bytes, wrong status, broken framing, a close) are told apart.
 */
const servers = new TestServers();
/**
 * How long a client here waits for an answer that comes: the suite's own read timeout, ample
 * for a server in this process however busy the machine. Tests of a timeout set their own.
 */
const PATIENCE_MS = configFromEnvironment({}).timeoutMs;
after(() => servers.closeAll());

const file = bigFile(1);
const slice = (port: number, extra: Partial<SliceReadOptions> = {}) =>
  readSlice({ host: '127.0.0.1', port, name: file.name, offset: 1000, size: 100_000, timeoutMs: PATIENCE_MS, verify: patternMismatch, ...extra });
const base64 = (offset: number, size: number) => file.bytes(offset, size).toString('base64');
const rejects = (promise: Promise<unknown>, problem: string, message: RegExp) =>
  assert.rejects(promise, (error: unknown) => error instanceof SliceReadFailed && error.problem === problem && message.test(error.message));

describe('readSlice', () => {
  test('a slice in odd pieces is decoded and checked as it streams', async () => {
    const port = await servers.lines(() => `0 OK\r\n${base64(1000, 100_000)}\r\n`, 4099);
    const result = await slice(port);
    assert.equal(result.decoded, 100_000);
    assert.equal(result.complete, true);
    assert.equal(result.lines, 1);
    assert.ok(result.ms > 0 && result.firstByteMs >= 0);
  });

  test('several lines, each padded on its own, are accepted', async () => {
    const port = await servers.lines(() => `0 OK\r\n${base64(1000, 50_000)}\r\n${base64(51_000, 1)}\r\n${base64(51_001, 49_999)}\r\n`);
    assert.equal((await slice(port)).lines, 3);
  });

  test('spaces and tabs before each CR LF are forgiven, even split from it; inside a line they are not', async () => {
    const wire = `0 OK \r\n${base64(1000, 50_000)} \t\r\n${base64(51_000, 50_000)}   \r\n`;
    for (const piece of [0, 7, 4099]) {
      const result = await slice(await servers.lines(() => wire, piece));
      assert.equal(result.decoded, 100_000, `pieces of ${piece}`);
      assert.equal(result.lines, 2);
    }
    // Spaces that end one read and are followed by more base64 in the next were inside the line
    // (however the two writes arrive: apart, or in one read, where the spaces are plainly inside).
    const split = await servers.start(
      (socket) =>
        socket.once('data', () => {
          socket.write(`0 OK\r\n${base64(1000, 49_998)}  `);
          setTimeout(() => socket.write(`${base64(50_998, 50_002)}\r\n`), 50);
        }),
      { noDelay: true },
    );
    await rejects(slice(split), 'wrong-answer', /payload line 1 .*not base64 at character \d+: " /);
  });

  test('a wrong byte is a verification failure, with its offset', async () => {
    const bytes = file.bytes(1000, 100_000);
    bytes[70_000] ^= 0xff;
    const port = await servers.lines(() => `0 OK\r\n${bytes.toString('base64')}\r\n`);
    await rejects(slice(port), 'wrong-bytes', /wrong byte at offset 71000 /);
  });

  test('more bytes than asked for is a verification failure', async () => {
    const port = await servers.lines(() => `0 OK\r\n${base64(1000, 100_003)}\r\n`);
    await rejects(slice(port), 'wrong-bytes', /more than the 100000 bytes/);
  });

  test('an error status, a bare LF, a bare CR, an unfinished group, an empty line: wrong answers', async () => {
    await rejects(slice(await servers.lines(() => '202 FILE NOT FOUND\r\n')), 'wrong-answer', /202 FILE NOT FOUND/);
    await rejects(slice(await servers.lines(() => `0 OK\r\n${base64(1000, 300)}\n`)), 'wrong-answer', /not ended by CR LF: "\\n"/);
    await rejects(slice(await servers.lines(() => `0 OK\r\n${base64(1000, 300)}\rx`)), 'wrong-answer', /not ended by CR LF: "\\rx"/);
    await rejects(slice(await servers.lines(() => `0 OK\r\n${base64(1000, 300)}AB\r\n`)), 'wrong-answer', /not a multiple of 4/);
    await rejects(slice(await servers.lines(() => '0 OK\r\n\r\n')), 'wrong-answer', /is empty/);
    await rejects(slice(await servers.lines(() => `${'x'.repeat(5000)}`)), 'wrong-answer', /a status line: no end of line within 4096 bytes/);
  });

  test('a close or silence part way is told apart from wrong bytes', async () => {
    const closing = await servers.start((socket) => socket.end(`0 OK\r\n${base64(1000, 3000)}`));
    await rejects(slice(closing), 'closed', /closed the connection after 3000 of 100000/);
    await rejects(slice(await servers.lines(() => `0 OK\r\n${base64(1000, 3000)}`), { timeoutMs: 100 }), 'timeout', /nothing for 100 ms after 3000 of 100000/);
  });

  test('a slow reader keeps to its pace and stops when told', async () => {
    const zeros = Buffer.alloc(3_000_000).toString('base64');
    const port = await servers.lines(() => `0 OK\r\n${zeros}\r\n`);
    const rate = 2_000_000;
    const result = await slice(port, { size: 3_000_000, offset: 0, verify: zeroMismatch, readBytesPerSecond: rate, stopAfterMs: 300 });
    assert.equal(result.complete, false);
    // At most what the pace allows in the time it actually read (a busy machine stops it
    // late): the first 20 ms of tokens, 20 ms more per tick, and one socket read past the last.
    const allowed = rate * (result.ms / 1000) + rate / 50 + 64 * 1024;
    assert.ok(result.received <= allowed, `${result.received} bytes read in ${Math.round(result.ms)} ms at 2 MB/s`);
    assert.ok(result.decoded > 0);
  });
});

describe('metadataLoad', () => {
  test('counts requests and latencies of right answers', async () => {
    const port = await servers.lines(() => '0 OK\r\n41\r\n', 3);
    const result = await metadataLoad({ host: '127.0.0.1', port, name: 'archivo.txt', expectedSize: 41, clients: 3, durationMs: 100, timeoutMs: PATIENCE_MS });
    assert.ok(result.requests >= 3); // every client's first answer, however few more fit in 100 ms
    assert.ok(result.perSecond > 0 && result.p50Ms > 0 && result.p99Ms >= result.p50Ms && result.maxMs >= result.p99Ms);
    assert.deepEqual(result.wrong, []);
    assert.equal(result.unanswered, 0);
  });

  test('spaces and tabs before the CR LF are forgiven', async () => {
    const port = await servers.lines(() => '0 OK \r\n41 \t\r\n', 3);
    const result = await metadataLoad({ host: '127.0.0.1', port, name: 'archivo.txt', expectedSize: 41, clients: 2, durationMs: 50, timeoutMs: PATIENCE_MS });
    assert.deepEqual(result.wrong, []);
    assert.ok(result.requests >= 2); // every client's first answer, padded, accepted; however few more fit in 50 ms
  });

  test('a wrong size, or bytes beyond the answer, are wrong answers; silence is unanswered', async () => {
    const wrong = await metadataLoad({
      host: '127.0.0.1',
      port: await servers.lines(() => '0 OK\r\n40\r\n'),
      name: 'archivo.txt',
      expectedSize: 41,
      clients: 2,
      durationMs: 50,
      timeoutMs: PATIENCE_MS,
    });
    assert.equal(wrong.wrong.length, 2);
    assert.match(wrong.wrong[0], /answered "0 OK\\r\\n40\\r\\n"/);
    const extra = await metadataLoad({
      host: '127.0.0.1',
      port: await servers.lines(() => '0 OK\r\n41\r\n0 OK\r\n'),
      name: 'archivo.txt',
      expectedSize: 41,
      clients: 1,
      durationMs: 50,
      timeoutMs: PATIENCE_MS,
    });
    assert.equal(extra.wrong.length, 1);
    const silent = await metadataLoad({
      host: '127.0.0.1',
      port: await servers.lines(() => null),
      name: 'archivo.txt',
      expectedSize: 41,
      clients: 2,
      durationMs: 50,
      timeoutMs: 100,
    });
    assert.equal(silent.unanswered, 2);
    assert.equal(silent.requests, 0);
  });

  test('a port nobody listens on cannot be loaded', async () => {
    const port = await freePort();
    await assert.rejects(
      metadataLoad({ host: '127.0.0.1', port, name: 'a', expectedSize: 1, clients: 2, durationMs: 50, timeoutMs: 200 }),
      // A finding about the server (LoadFailed), which (b) records as a note; not the bench's own error.
      (error: unknown) => error instanceof LoadFailed && /could not open 2 connections/.test(error.message),
    );
  });
});

describe('crowd', () => {
  const big = bigFile(1);
  const answerSlice = (mutate: (bytes: Buffer) => void) => (line: string) => {
    const [, , offset, size] = line.split(' ');
    const bytes = big.bytes(Number(offset), Number(size));
    mutate(bytes);
    return `0 OK\r\n${bytes.toString('base64')}\r\n`;
  };

  test('every client served, at distinct offsets', async () => {
    const offsets = new Set<string>();
    const port = await servers.lines((line) => {
      offsets.add(line.split(' ')[2]);
      return answerSlice(() => {})(line);
    });
    const result = await crowd({ host: '127.0.0.1', port, file: big, clients: 30, sliceBytes: 4096, timeoutMs: PATIENCE_MS });
    assert.equal(result.served, 30);
    assert.equal(offsets.size, 30);
    assert.ok(result.ms > 0);
  });

  test('refusals, wrong bytes and silence are counted apart', async () => {
    const refusing = await crowd({
      host: '127.0.0.1',
      port: await servers.lines(() => '199 TOO MANY CLIENTS\r\n'),
      file: big,
      clients: 3,
      sliceBytes: 100,
      timeoutMs: PATIENCE_MS,
    });
    assert.equal(refusing.refused, 3);
    assert.match(refusing.examples[0], /refused: status 199/);
    const wrong = await crowd({
      host: '127.0.0.1',
      port: await servers.lines(answerSlice((bytes) => (bytes[7] ^= 1))),
      file: big,
      clients: 2,
      sliceBytes: 100,
      timeoutMs: PATIENCE_MS,
    });
    assert.equal(wrong.wrong.length, 2);
    assert.match(wrong.wrong[0], /wrong byte at offset \d+/);
    const silent = await crowd({ host: '127.0.0.1', port: await servers.lines(() => null), file: big, clients: 3, sliceBytes: 100, timeoutMs: 150 });
    assert.equal(silent.unanswered, 3);
    assert.equal(silent.served, 0);
  });
});
