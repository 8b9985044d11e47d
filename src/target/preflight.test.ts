import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, test } from 'node:test';
import type { Fixture } from '../fixtures/fixture-set';
import { answerLines, startServer, TestServers } from '../testing/test-servers';
import type { ManagedDirectory } from './managed-directory';
import { preflight } from './preflight';
import type { Target } from './target';

/*
 * The preflight against real servers on loopback: each test starts a small line server
 * whose answer to each request it chooses.
 */

/** Only name and size are read. */
const fixture = (name: string, size: number): Fixture => ({ name, size, description: '', bytes: () => Buffer.alloc(0), writeTo: async () => {} });
const FIXTURES = [fixture('archivo.txt', 42), fixture('empty.txt', 0), fixture('x123459.txt', 123_459)];
const SIZES = new Map(FIXTURES.map((f) => [f.name, f.size]));

const servers = new TestServers();
after(() => servers.closeAll());

/**
 * get_metadata, get_file_listing and quit as a correct server answers them, with sizes
 * overridden (-1: missing, and not listed).
 */
function metadata(overrides: Record<string, number> = {}, extraFiles: string[] = []) {
  return (line: string): string => {
    if (line === 'quit') return '0 OK\r\n';
    const [command, name] = line.split(' ');
    if (command === 'get_file_listing') {
      const names = [...FIXTURES.map((f) => f.name).filter((n) => (overrides[n] ?? 0) >= 0), ...extraFiles];
      return `0 OK\r\n${names.map((n) => `${n}\r\n`).join('')}\r\n`;
    }
    if (command !== 'get_metadata') return '200 INVALID COMMAND\r\n';
    const size = name in overrides ? overrides[name] : SIZES.get(name);
    return size === undefined || size < 0 ? '202 FILE NOT FOUND\r\n' : `0 OK\r\n${size}\r\n`;
  };
}

function target(port: number, directory: ManagedDirectory | null = null): Target {
  return { host: '127.0.0.1', port, directory, restartable: false, checkHealth: async () => null, recover: async () => {}, stop: async () => {} };
}

/** The same answers with a space before every CR LF (as the course's client forgives). */
const padded = (answer: (line: string) => string | null) => (line: string) => answer(line)?.replace(/\r\n/g, ' \r\n') ?? null;

test('a server that serves the fixture set: no blocker, no warning, and quit last', async () => {
  const seen: string[] = [];
  const port = await servers.lines((line) => (seen.push(line), metadata()(line)));
  assert.deepEqual(await preflight(target(port), FIXTURES), { blocker: null, warnings: [] });
  assert.deepEqual(seen, ['get_metadata archivo.txt', 'get_metadata empty.txt', 'get_metadata x123459.txt', 'get_file_listing', 'quit']);
});

test('the connection ends politely: quit, its answer read, then the close', async () => {
  const events: string[] = [];
  const port = await servers.start((socket) => {
    socket.on('end', () => events.push('client closed'));
    answerLines((line) => {
      events.push(line.split(' ')[0]);
      if (line !== 'quit') return metadata()(line);
      // A slow answer to quit: the client waits for it before it closes.
      setTimeout(() => {
        events.push('quit answered');
        socket.end('0 OK\r\n');
      }, 150);
      return null;
    })(socket);
  });
  assert.deepEqual(await preflight(target(port), FIXTURES), { blocker: null, warnings: [] });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(events.slice(-3), ['quit', 'quit answered', 'client closed']);
});

test('a server that never answers quit: the preflight still ends (it returns), and judges nothing by it', async () => {
  const seen: string[] = [];
  const port = await servers.lines((line) => (seen.push(line), line === 'quit' ? null : metadata()(line)));
  assert.deepEqual(await preflight(target(port), FIXTURES), { blocker: null, warnings: [] });
  assert.equal(seen.at(-1), 'quit');
});

test('spaces before every CR LF (status lines, sizes, listed names): no blocker, no warning', async () => {
  const port = await servers.lines(padded(metadata()));
  assert.deepEqual(await preflight(target(port), FIXTURES), { blocker: null, warnings: [] });
  const tabs = await servers.lines((line) => metadata()(line).replace(/\r\n/g, ' \t \r\n'));
  assert.deepEqual(await preflight(target(tabs), FIXTURES), { blocker: null, warnings: [] });
});

test('other files served beside the fixtures block the run, named', async () => {
  const port = await servers.lines(metadata({}, ['server.py', 'notes.txt']));
  const { blocker } = await preflight(target(port), FIXTURES);
  assert.match(blocker ?? '', /\(it also serves server\.py, notes\.txt\)\.$/);
});

test('other files are named as listed, spaces forgiven, other bytes escaped', async () => {
  const port = await servers.lines(padded(metadata({}, ['server.py', 'a\x01b'])));
  const { blocker } = await preflight(target(port), FIXTURES);
  assert.match(blocker ?? '', /\(it also serves server\.py, a\\x01b\)\.$/);
});

test('a listing that is not clean is left to the LIST rules: a warning, no blocker', async () => {
  const seen: string[] = [];
  const port = await servers.lines((line) => (seen.push(line), line === 'get_file_listing' ? '0 OK\r\narchivo.txt\r\n' : metadata()(line)));
  const { blocker, warnings } = await preflight(target(port), FIXTURES);
  assert.equal(blocker, null);
  assert.match(warnings.join(), /could not confirm the fixture set: nothing more within 1000 ms after 1 name/);
  // Out of step (the listing never ended): quit is sent, its answer not awaited.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(seen.at(-1), 'quit');
});

test('a fixture answered 202 and not listed blocks the run, named, with how to write the fixture set', async () => {
  const port = await servers.lines(metadata({ 'empty.txt': -1 }));
  const { blocker, warnings } = await preflight(target(port), FIXTURES);
  assert.equal(
    blocker,
    `The server at 127.0.0.1:${port} does not serve the fixture set: write it with \`hftp-conformance fixtures DIR\` and serve DIR (empty.txt is missing).`,
  );
  assert.deepEqual(warnings, []);
});

test('without a listing, a fixture answered 202 is a warning, no blocker (META-2 judges it)', async () => {
  const port = await servers.lines((line) => (line === 'get_file_listing' ? '200 INVALID COMMAND\r\n' : metadata({ 'empty.txt': -1 })(line)));
  const { blocker, warnings } = await preflight(target(port), FIXTURES);
  assert.equal(blocker, null);
  assert.deepEqual(warnings, ['get_metadata empty.txt answered 202 FILE NOT FOUND']);
});

test('without a listing, every fixture answered 202 blocks the run, each named', async () => {
  const port = await servers.lines((line) =>
    line === 'quit' ? '0 OK\r\n' : line === 'get_file_listing' ? '200 INVALID COMMAND\r\n' : '202 FILE NOT FOUND\r\n',
  );
  const { blocker } = await preflight(target(port), FIXTURES);
  assert.match(blocker ?? '', /\(archivo\.txt is missing; empty\.txt is missing; x123459\.txt is missing\)\.$/);
});

test('a fixture answered 202 that the listing names: a warning, no blocker (META-2 and the slices judge it)', async () => {
  const port = await servers.lines((line) => (line === 'get_metadata x123459.txt' ? '202 FILE NOT FOUND\r\n' : metadata()(line)));
  const { blocker, warnings } = await preflight(target(port), FIXTURES);
  assert.equal(blocker, null);
  assert.deepEqual(warnings, ['get_metadata answered 202 for x123459.txt, which the listing names: the rules will judge it']);
});

test('a fixture of another size: no blocker, a warning with both sizes', async () => {
  const port = await servers.lines(metadata({ 'x123459.txt': 123_458 }));
  const { blocker, warnings } = await preflight(target(port), FIXTURES);
  assert.equal(blocker, null);
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0],
    /^get_metadata gives other sizes than the fixtures' \(x123459\.txt: 123458 bytes, not 123459\): the rules will judge it \(META-1\)/,
  );
  assert.match(warnings[0], /hftp-conformance fixtures DIR/);
});

test('every size one byte too large, in the directory it was given: no blocker, META-1 judges it', async () => {
  const plusOne = Object.fromEntries(FIXTURES.map((f) => [f.name, f.size + 1]));
  const port = await servers.lines(metadata(plusOne));
  const directory = { path: '/tmp/hftp-served' } as ManagedDirectory;
  const { blocker, warnings } = await preflight(target(port, directory), FIXTURES);
  assert.equal(blocker, null);
  assert.deepEqual(warnings, [
    "get_metadata gives other sizes than the fixtures' (archivo.txt: 43 bytes, not 42; empty.txt: 1 bytes, not 0; x123459.txt: 123460 bytes, not 123459): the rules will judge it (META-1)",
  ]);
});

test('every missing fixture is checked; the sentence names the first three', async () => {
  const many = ['a', 'b', 'c', 'd', 'e'].map((name) => fixture(`${name}.txt`, 1));
  const port = await servers.lines((line) => (line === 'get_file_listing' ? '0 OK\r\n\r\n' : '202 FILE NOT FOUND\r\n'));
  const { blocker } = await preflight(target(port), many);
  assert.match(blocker ?? '', /\(a\.txt is missing; b\.txt is missing; c\.txt is missing; \.\.\.\)\.$/);
  const three = await preflight(target(port), many.slice(0, 3));
  assert.match(three.blocker ?? '', /\(a\.txt is missing; b\.txt is missing; c\.txt is missing\)\.$/);
});

test('with a managed directory, the sentence asks whether the server takes it from -d', async () => {
  const port = await servers.lines(metadata({ 'archivo.txt': -1 }));
  const directory = { path: '/tmp/hftp-served' } as ManagedDirectory;
  const { blocker } = await preflight(target(port, directory), FIXTURES);
  assert.equal(
    blocker,
    `The server at 127.0.0.1:${port} does not serve the directory it was given (/tmp/hftp-served): does it take the directory from -d? (archivo.txt is missing).`,
  );
});

test('a closed port: one sentence saying nothing accepts connections there', async () => {
  const probe = await startServer();
  await probe.close();
  const { port } = probe;
  const result = await preflight(target(port), FIXTURES);
  // Refused, so at once: no wait for a timeout.
  assert.deepEqual(result, {
    blocker: `Nothing accepts connections on 127.0.0.1:${port}: connection refused. Is the server running, on that port?`,
    warnings: [],
  });
});

test('a server that answers 200 to everything: no blocker, a warning, and only quit after', async () => {
  const seen: string[] = [];
  const port = await servers.lines((line) => (seen.push(line), '200 INVALID COMMAND\r\n'));
  const result = await preflight(target(port), FIXTURES);
  assert.deepEqual(result, { blocker: null, warnings: ['get_metadata archivo.txt answered 200 INVALID COMMAND'] });
  assert.deepEqual(seen, ['get_metadata archivo.txt', 'quit']);
});

test('a silent server blocks the run, within the timeout, and is still sent quit', async () => {
  const seen: string[] = [];
  const port = await servers.lines((line) => (seen.push(line), null));
  const result = await preflight(target(port), FIXTURES, 300);
  assert.deepEqual(result, {
    blocker: `The server at 127.0.0.1:${port} accepts connections but never answers: nothing came within 0.3 s of "get_metadata archivo.txt\\r\\n". Does it answer requests that end in CR LF, on that port?`,
    warnings: [],
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(seen, ['get_metadata archivo.txt', 'quit']);
});

test('a server slower than a second to answer, but within the timeout, is not blocked', async () => {
  const slow = await servers.lines(metadata());
  const delayed = await servers.start((socket) => {
    const upstream = net.connect(slow, '127.0.0.1');
    upstream.on('error', () => {});
    socket.on('data', (chunk) => setTimeout(() => upstream.write(chunk), 1200));
    upstream.on('data', (chunk) => socket.write(chunk));
    socket.on('close', () => upstream.destroy());
  });
  const result = await preflight(target(delayed), FIXTURES);
  assert.equal(result.blocker, null);
  // The later answers are as slow: the rest is left to the rules, with a warning.
  assert.match(result.warnings.join(), /could not confirm the fixture set/);
});

test('a server that closes at once blocks the run: it never answers', async () => {
  const port = await servers.start((socket) => socket.end());
  const result = await preflight(target(port), FIXTURES, 1000);
  assert.match(result.blocker ?? '', /^The server at 127\.0\.0\.1:\d+ accepts connections but never answers: it closed the connection without a word/);
  assert.deepEqual(result.warnings, []);
});

test('an answer that is not a status line: the server answers, so no blocker, a warning', async () => {
  const port = await servers.lines(() => 'HELLO\r\n');
  const result = await preflight(target(port), FIXTURES);
  assert.equal(result.blocker, null);
  assert.deepEqual(result.warnings, ['could not confirm the fixture set: "HELLO\\r\\n" is not of the form <digits> <text>\\r\\n']);
});

test('a size line that is not a number: no blocker, a warning', async () => {
  const seen: string[] = [];
  const port = await servers.lines((line) => (seen.push(line), '0 OK\r\nlots\r\n'));
  const result = await preflight(target(port), FIXTURES);
  assert.equal(result.blocker, null);
  assert.deepEqual(result.warnings, ['could not confirm the fixture set: "lots\\r\\n" is not a decimal size']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(seen, ['get_metadata archivo.txt', 'quit']);
});

test('a timeout of 0: a warning, nothing asked but quit', async () => {
  const seen: string[] = [];
  const port = await servers.lines((line) => (seen.push(line), metadata()(line)));
  const result = await preflight(target(port), FIXTURES, 0);
  // The connect itself gets min(1000, 0) ms: either it fails at once or the fixture loop stops at once.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(seen.length === 0 || (seen.length === 1 && seen[0] === 'quit'), seen.join());
  assert.equal(result.warnings.length + (result.blocker ? 1 : 0), 1);
});

test('no fixtures: nothing to check', async () => {
  const port = await servers.lines(metadata());
  assert.deepEqual(await preflight(target(port), []), { blocker: null, warnings: [] });
});
