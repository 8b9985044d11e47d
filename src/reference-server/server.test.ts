import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { HftpConnection } from '../client/hftp-connection';
import { configFromEnvironment } from '../conformance/config';
import { main } from './main';
import { HftpServer, type ServerOptions } from './server';

/*
 * The reference server in process, on a loopback port, for what the features cannot reach:
 * files the suite does not serve (FIFOs, unreadable files), its command line, its limits.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'hftp-server-test-'));
let server: HftpServer;
let port: number;

before(async () => {
  writeFileSync(path.join(dir, 'archivo.txt'), '!Que calor que hace hoy, pinta una birra!');
  writeFileSync(path.join(dir, 'secret.txt'), 'no');
  chmodSync(path.join(dir, 'secret.txt'), 0o000);
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  symlinkSync('archivo.txt', path.join(dir, 'link'));
  server = new HftpServer({ directory: dir, port: 0, address: '127.0.0.1', log: () => {} });
  port = await server.listen();
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The waits the suite gives a server (every answer and close here comes at once). */
const { timeoutMs: PATIENCE_MS, closeTimeoutMs: CLOSE_MS } = configFromEnvironment({});
const connect = () => HftpConnection.connect({ host: '127.0.0.1', port, timeoutMs: PATIENCE_MS });

test('a FIFO in the directory is neither listed nor opened (no blocking open)', async () => {
  const client = await connect();
  await client.send('get_file_listing\r\nget_slice fifo 0 0\r\nget_metadata fifo\r\n');
  assert.equal((await client.readStatus()).code, 0);
  assert.deepEqual(await client.readListing(), ['archivo.txt', 'secret.txt']);
  assert.equal((await client.readStatus()).code, 202);
  assert.equal((await client.readStatus()).code, 202);
  client.close();
});

test('a symlink is not served, even to a file inside the directory', async () => {
  const client = await connect();
  await client.send('get_slice link 0 1\r\nget_metadata link\r\n');
  assert.equal((await client.readStatus()).code, 202);
  assert.equal((await client.readStatus()).code, 202);
  client.close();
});

test('a client that half-closes after its requests still gets every answer, then a close', async () => {
  const socket = net.connect({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  socket.end('get_metadata archivo.txt\r\nget_slice archivo.txt 5 20\r\n');
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  assert.equal(Buffer.concat(chunks).toString('latin1'), '0 OK\r\n41\r\n0 OK\r\nY2Fsb3IgcXVlIGhhY2UgaG95LCA=\r\n');
});

test('a file the server cannot read gets 199, then close', { skip: process.getuid?.() === 0 && 'root reads any file' }, async () => {
  const client = await connect();
  await client.send('get_slice secret.txt 0 1\r\n');
  assert.equal((await client.readStatus()).code, 199);
  await client.expectClose(CLOSE_MS);
});

test('the error limit: after 5 error answers the next request gets 101, then close', async () => {
  const client = await connect();
  await client.send('verdura\r\nget_metadata\r\nget_metadata x\r\nget_metadata archivo.txt\r\nverdura\r\nverdura\r\nget_metadata archivo.txt\r\n');
  for (const code of [200, 201, 202]) assert.equal((await client.readStatus()).code, code);
  assert.equal((await client.readStatus()).code, 0); // a success does not reset the count
  assert.equal(String(await client.readLine()), '41');
  for (const code of [200, 200, 101]) assert.equal((await client.readStatus()).code, code);
  await client.expectClose(CLOSE_MS);
});

test('help and a raw slice (2026 revision)', async () => {
  const client = await connect();
  await client.send('help\r\nget_slice archivo.txt 5 5 raw\r\nget_slice archivo.txt 5 5 rawx\r\n');
  assert.equal((await client.readStatus()).code, 0);
  assert.deepEqual(await client.readListing(), ['get_file_listing', 'get_metadata', 'get_slice', 'quit', 'help']);
  assert.equal((await client.readStatus()).code, 0);
  assert.equal(String(await client.readLine()), 'Content-Length: 5');
  assert.equal(String(await client.readLine()), '');
  assert.equal(String(await client.readBytes(5)), 'calor');
  assert.equal((await client.readStatus()).code, 201);
  client.close();
});

/** A server of its own with some options changed, and a way to connect to it; closed after `body`. */
async function withServer(options: Partial<ServerOptions>, body: (connect: () => Promise<HftpConnection>) => Promise<void>): Promise<void> {
  const own = new HftpServer({ directory: dir, port: 0, address: '127.0.0.1', log: () => {}, ...options });
  const ownPort = await own.listen();
  try {
    await body(() => HftpConnection.connect({ host: '127.0.0.1', port: ownPort, timeoutMs: PATIENCE_MS }));
  } finally {
    await own.close();
  }
}

test('a line longer than the hard limit gets 101 without waiting for its end', async () => {
  await withServer({ framerLimits: { maxKeptBytes: 64, maxLineBytes: 1024 } }, async (connect) => {
    const client = await connect();
    await client.send(Buffer.alloc(2000, 'a'));
    assert.equal((await client.readStatus()).code, 101);
    await client.expectClose(CLOSE_MS);
  });
});

test('past --max-connections, a new client gets 199 and a close; the others go on', async () => {
  await withServer({ maxConnections: 2 }, async (connect) => {
    const [a, b] = [await connect(), await connect()];
    const c = await connect();
    assert.equal((await c.readStatus()).code, 199);
    await c.expectClose(CLOSE_MS);
    await a.sendRequest('get_metadata', 'archivo.txt');
    assert.equal((await a.readStatus()).code, 0);
    a.close();
    b.close();
  });
});

test('an idle connection is closed after --idle-timeout, without a word', async () => {
  await withServer({ idleTimeoutMs: 100 }, async (connect) => {
    assert.equal(await (await connect()).expectClose(CLOSE_MS), 'eof');
  });
});

test('the test-only fault switch: files with the prefix fail to open (199), others and missing ones do not', async () => {
  writeFileSync(path.join(dir, 'unreadable.txt'), 'x');
  try {
    await withServer({ unreadablePrefix: 'unreadable' }, async (connect) => {
      const client = await connect();
      await client.send('get_slice unreadable-missing 0 1\r\nget_slice archivo.txt 0 1\r\nget_slice unreadable.txt 0 1\r\n');
      assert.equal((await client.readStatus()).code, 202);
      assert.equal((await client.readStatus()).code, 0);
      await client.readPayload(1);
      assert.equal((await client.readStatus()).code, 199);
      await client.expectClose(CLOSE_MS);
    });
  } finally {
    rmSync(path.join(dir, 'unreadable.txt'));
  }
});

test('the command line: help, bad options, a missing directory, a busy port', async () => {
  const out: string[] = [];
  const write = (chunk: string | Uint8Array) => (out.push(String(chunk)), true);
  const [stdout, stderr] = [process.stdout.write, process.stderr.write];
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
  try {
    assert.equal(await main(['--help']), 0);
    assert.equal(await main(['--bogus']), 2);
    assert.equal(await main(['-p', 'x', '-d', dir]), 2);
    assert.equal(await main(['--max-errors', '-1', '-d', dir]), 2);
    assert.equal(await main(['--max-connections', '0', '-d', dir]), 2);
    assert.equal(await main(['--idle-timeout', 'soon', '-d', dir]), 2);
    assert.equal(await main(['-d', path.join(dir, 'nope')]), 2);
    assert.equal(await main(['-a', '127.0.0.1', '-p', String(port), '-d', dir]), 2);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  const text = out.join('');
  assert.match(text, /Usage: hftp-server/);
  assert.match(text, /invalid port: x/);
  assert.match(text, /not a directory/);
  assert.match(text, /cannot listen on 127\.0\.0\.1/);
});
