import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import type { ManagedDirectory } from './managed-directory';
import { SpawnedServer } from './target';

/*
 * A server the suite starts: a small node server that answers every request line with
 * "0 OK" and exits when it is sent "crash".
 */
const SCRIPT = `
const port = Number(process.argv[1]);
require('node:net').createServer((socket) => {
  let pending = '';
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    pending += chunk;
    for (let end; (end = pending.indexOf('\\r\\n')) !== -1; pending = pending.slice(end + 2)) {
      if (pending.slice(0, end) === 'crash') process.exit(3);
      socket.write('0 OK\\r\\n');
    }
  });
}).listen(port, '127.0.0.1');
`;
const COMMAND = [process.execPath, '-e', SCRIPT, '{port}'];
/** Only its path is read (for `{dir}`, which this command does not use). */
const DIRECTORY = { path: '/nonexistent' } as ManagedDirectory;

function sendCrash(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('crash\r\n'));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

test('a crash is reported once; after recover() the new server is healthy, not blamed for the old one', async () => {
  const server = await SpawnedServer.start(COMMAND, DIRECTORY);
  try {
    assert.equal(await server.checkHealth(1000), null);
    await sendCrash(server.port);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // As the After hook does when the scenario's own fresh client was not served: no
    // checkHealth (which would clear the crash), straight to recover().
    await server.recover();
    assert.equal(await server.checkHealth(1000), null);
  } finally {
    await server.stop();
  }
});

test('a crash without a restart: checkHealth reports the exit', async () => {
  const server = await SpawnedServer.start(COMMAND, DIRECTORY);
  try {
    await sendCrash(server.port);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.match((await server.checkHealth(1000)) ?? '', /^server exited \(code 3, signal null\)/);
  } finally {
    await server.stop();
  }
});
