import { escapeBytes } from '../src/client/escape';
import type { HftpConnection } from '../src/client/hftp-connection';
import { clientStep, step } from './support/dsl';
import { expectStatus } from './support/expect';
import { awaiting, describeStatus, Mismatch } from './support/mismatch';
import type { AskedSlice, HftpWorld } from './support/world';

/*
 * Several clients: clients that vanish, clients that wait, clients all at once.
 */

clientStep('{client} reads a status line, then closes the connection', async function (this: HftpWorld, client: string) {
  const connection = await this.client(client);
  await awaiting('a status line', () => connection.readStatus());
  this.forget(client);
});

step('{int} clients in a row each connect, send {bytes} and close without reading', async function (this: HftpWorld, count: number, bytes: Buffer) {
  for (let i = 1; i <= count; i++) {
    const name = `R${i}`;
    await (await this.client(name)).send(bytes);
    this.forget(name);
  }
});

step('a new client that sends {bytes} receives status {int}', async function (this: HftpWorld, bytes: Buffer, code: number) {
  const name = `N${++this.freshClients}`;
  const connection = await this.client(name);
  await connection.send(bytes);
  const received = this.transcript.received;
  try {
    await expectStatus(this, name, code);
  } catch (error) {
    // Not one byte for a fresh client: the check after the scenario need not ask again.
    if (this.transcript.received === received && !connection.closed) this.unserved = `a new client that sent "${escapeBytes(bytes)}" got no answer`;
    throw error;
  }
});

step(
  '{int} clients each ask at once for a different {int}-byte slice of {string}',
  async function (this: HftpWorld, count: number, size: number, file: string) {
    const fixture = this.suite.fixture(file);
    // Offsets spread over the whole file, none aligned with another's, so a mix-up shows.
    const stride = Math.floor((fixture.size - size) / count);
    const requests: AskedSlice[] = Array.from({ length: count }, (_, i) => ({ name: `C${i + 1}`, file, offset: i * stride + (i % 7), size }));
    const connections = await Promise.all(requests.map((r) => this.client(r.name)));
    await Promise.all(connections.map((c, i) => c.send(`get_slice ${file} ${requests[i].offset} ${size}\r\n`)));
    this.askedSlices = requests;
  },
);

step('each of them receives status 0 and exactly its own slice', async function (this: HftpWorld) {
  await eachServedItsSlice(this, { leave: false });
});

// A crowd: each client may wait for its turn (a server with a pool of N serves N at a
// time), and leaves as soon as it is served, so that its place frees up for the next.
step('within {int} s each of them receives status 0 and exactly its own slice, and leaves', async function (this: HftpWorld, seconds: number) {
  await eachServedItsSlice(this, { leave: true, statusTimeoutMs: seconds * 1000 });
});

async function eachServedItsSlice(world: HftpWorld, options: { leave: boolean; statusTimeoutMs?: number }): Promise<void> {
  const requests = world.askedSlices;
  const failures: string[] = [];
  await Promise.all(
    requests.map(async (r) => {
      const connection: HftpConnection = await world.client(r.name);
      try {
        const status = await connection.readStatus(options.statusTimeoutMs);
        if (status.code !== 0) return failures.push(`${r.name}: ${describeStatus(status)}`);
        const payload = await connection.readPayload(r.size);
        const expected = world.suite.fixture(r.file).bytes(r.offset, r.size);
        if (!payload.bytes.equals(expected)) failures.push(`${r.name}: wrong bytes for offset ${r.offset} ("${escapeBytes(payload.bytes.subarray(0, 8))}"...)`);
      } catch (error) {
        failures.push(`${r.name}: ${(error as Error).message}`);
      } finally {
        if (options.leave) await connection.leave(world.suite.config.closeTimeoutMs);
      }
    }),
  );
  if (failures.length) {
    throw new Mismatch(`each of ${requests.length} clients served its own slice`, `${failures.length} were not:\n    ${failures.slice(0, 10).join('\n    ')}`);
  }
}
