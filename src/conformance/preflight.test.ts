import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as net from 'node:net';
import { after, test } from 'node:test';
import type { Fixture } from '../fixtures/fixture-set';
import type { ManagedDirectory } from './managed-directory';
import { preflight } from './preflight';
import type { Target } from './target';

/*
 * The preflight against real servers on loopback: each test starts a small line server
 * whose answer to each request it chooses.
 */

/** Only name and size are read. */
const fixture = (name: string, size: number): Fixture => ({ name, size, bytes: () => Buffer.alloc(0), writeTo: async () => {} });
const FIXTURES = [fixture('archivo.txt', 42), fixture('empty.txt', 0), fixture('x123459.txt', 123_459)];
const SIZES = new Map(FIXTURES.map((f) => [f.name, f.size]));

const servers = new Set<net.Server>();
const sockets = new Set<net.Socket>();
after(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([...servers].map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that answers each CR LF line with `answer(line)` (null: says nothing). */
async function lineServer(answer: (line: string) => string | null): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n')) !== -1) {
        const reply = answer(pending.slice(0, end));
        pending = pending.slice(end + 2);
        if (reply !== null) socket.write(reply, 'latin1');
      }
    });
  });
  servers.add(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

/** get_metadata (and get_file_listing) as a correct server answers them, with sizes overridden (-1: missing). */
function metadata(overrides: Record<string, number> = {}, extraFiles: string[] = []) {
  return (line: string): string => {
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
  return { host: '127.0.0.1', port, directory, checkHealth: async () => null, recover: async () => {}, stop: async () => {} };
}

test('a server that serves the fixture set: no blocker, no warning', async () => {
  const seen: string[] = [];
  const port = await lineServer((line) => (seen.push(line), metadata()(line)));
  assert.deepEqual(await preflight(target(port), FIXTURES), { blocker: null, warnings: [] });
  assert.deepEqual(seen, ['get_metadata archivo.txt', 'get_metadata empty.txt', 'get_metadata x123459.txt', 'get_file_listing']);
});

test('other files served beside the fixtures block the run, named', async () => {
  const port = await lineServer(metadata({}, ['server.py', 'notes.txt']));
  const { blocker } = await preflight(target(port), FIXTURES);
  assert.match(blocker ?? '', /\(it also serves server\.py, notes\.txt\)\.$/);
});

test('a listing that is not clean is left to the LIST rules: a warning, no blocker', async () => {
  const port = await lineServer((line) => (line === 'get_file_listing' ? '0 OK\r\narchivo.txt\r\n' : metadata()(line)));
  const { blocker, warnings } = await preflight(target(port), FIXTURES);
  assert.equal(blocker, null);
  assert.match(warnings.join(), /could not confirm the fixture set: nothing more within 1000 ms after 1 name/);
});

test('a fixture answered 202 blocks the run, named, with how to write the fixture set', async () => {
  const port = await lineServer(metadata({ 'empty.txt': -1 }));
  const { blocker, warnings } = await preflight(target(port), FIXTURES);
  assert.equal(
    blocker,
    `The server at 127.0.0.1:${port} does not serve the fixture set: write it with \`hftp-conformance fixtures DIR\` and serve DIR (empty.txt is missing).`,
  );
  assert.deepEqual(warnings, []);
});

test('a fixture of another size blocks the run, named with both sizes', async () => {
  const port = await lineServer(metadata({ 'x123459.txt': 123_458 }));
  const { blocker } = await preflight(target(port), FIXTURES);
  assert.match(blocker ?? '', /\(x123459\.txt has 123458 bytes instead of 123459\)\.$/);
  assert.match(blocker ?? '', /hftp-conformance fixtures DIR/);
});

test('every wrong fixture is checked; the sentence names the first three', async () => {
  const many = ['a', 'b', 'c', 'd', 'e'].map((name) => fixture(`${name}.txt`, 1));
  const port = await lineServer(() => '202 FILE NOT FOUND\r\n');
  const { blocker } = await preflight(target(port), many);
  assert.match(blocker ?? '', /\(a\.txt is missing; b\.txt is missing; c\.txt is missing; \.\.\.\)\.$/);
  const three = await preflight(target(port), many.slice(0, 3));
  assert.match(three.blocker ?? '', /\(a\.txt is missing; b\.txt is missing; c\.txt is missing\)\.$/);
});

test('with a managed directory, the sentence asks whether the server takes it from -d', async () => {
  const port = await lineServer(metadata({ 'archivo.txt': -1 }));
  const directory = { path: '/tmp/hftp-served' } as ManagedDirectory;
  const { blocker } = await preflight(target(port, directory), FIXTURES);
  assert.equal(
    blocker,
    `The server at 127.0.0.1:${port} does not serve the directory it was given (/tmp/hftp-served): does it take the directory from -d? (archivo.txt is missing).`,
  );
});

test('a closed port: one sentence saying nothing accepts connections there', async () => {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const result = await preflight(target(port), FIXTURES);
  // Refused, so at once: no wait for a timeout.
  assert.deepEqual(result, {
    blocker: `Nothing accepts connections on 127.0.0.1:${port}: connection refused. Is the server running, on that port?`,
    warnings: [],
  });
});

test('a server that answers 200 to everything: no blocker, a warning, and no more requests', async () => {
  const seen: string[] = [];
  const port = await lineServer((line) => (seen.push(line), '200 INVALID COMMAND\r\n'));
  const result = await preflight(target(port), FIXTURES);
  assert.deepEqual(result, { blocker: null, warnings: ['get_metadata archivo.txt answered 200 INVALID COMMAND'] });
  assert.deepEqual(seen, ['get_metadata archivo.txt']);
});

test('a silent server: no blocker, a warning, within the budget', async () => {
  const seen: string[] = [];
  const port = await lineServer((line) => (seen.push(line), null));
  const result = await preflight(target(port), FIXTURES, 300);
  assert.equal(result.blocker, null);
  assert.equal(result.warnings.length, 1);
  // Within the budget by construction: one request, and one wait, of the 300 ms budget.
  assert.match(result.warnings[0], /^could not confirm the fixture set: no answer within 300 ms/);
  assert.deepEqual(seen, ['get_metadata archivo.txt']);
});

test('a server that closes at once: no blocker, a warning', async () => {
  const server = net.createServer((socket) => socket.end());
  servers.add(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const result = await preflight(target(port), FIXTURES, 1000);
  assert.equal(result.blocker, null);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0], /^could not confirm the fixture set: /);
});

test('a size line that is not a number: no blocker, a warning', async () => {
  const port = await lineServer(() => '0 OK\r\nlots\r\n');
  const result = await preflight(target(port), FIXTURES);
  assert.equal(result.blocker, null);
  assert.deepEqual(result.warnings, ['could not confirm the fixture set: "lots\\r\\n" is not a decimal size']);
});

test('a budget already spent: a warning, nothing asked', async () => {
  const seen: string[] = [];
  const port = await lineServer((line) => (seen.push(line), metadata()(line)));
  const result = await preflight(target(port), FIXTURES, 0);
  // The connect itself gets min(2000, 0) ms: either it fails at once or the fixture loop stops at once.
  assert.deepEqual(seen, []);
  assert.equal(result.warnings.length + (result.blocker ? 1 : 0), 1);
});

test('no fixtures: nothing to check', async () => {
  const port = await lineServer(metadata());
  assert.deepEqual(await preflight(target(port), []), { blocker: null, warnings: [] });
});
