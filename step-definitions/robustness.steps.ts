import { clientStep, step } from './support/dsl';
import type { HftpWorld } from './support/world';

/*
 * Clients that misbehave: resets in the middle of an answer, endless lines, idle crowds
 * (random noise is fuzz.steps.ts). Each scenario ends by checking that a fresh client is
 * still served.
 */

step(
  '{int} clients in a row each send {bytes}, read {size} of the answer and reset the connection',
  async function (this: HftpWorld, count: number, request: Buffer, size: number) {
    for (let i = 1; i <= count; i++) {
      const name = `X${i}`;
      const connection = await this.client(name);
      await connection.send(request);
      const answered = await connection.readBytes(size, `the first ${size} bytes of the answer`).then(
        () => true,
        () => connection.unread > 0,
      );
      connection.reset();
      this.forget(name);
      // A server that no longer answers at all: the next step shows it, without the wait.
      if (!answered) break;
    }
  },
);

clientStep(
  '{client} sends {size} of {bytes} with no line end',
  async function (this: HftpWorld, client: string, size: number, filler: Buffer) {
    const connection = await this.client(client);
    const piece = Buffer.alloc(1024 * 1024, filler);
    const deadline = performance.now() + ENDLESS_LINE_MS;
    // The server may answer and close long before the end: then there is nothing left to do.
    for (let sent = 0; sent < size && !connection.closed; sent += piece.length) {
      if (performance.now() > deadline) {
        // Still reading, slowly: what it does with what it has is for the next step to see.
        this.note(`the server had taken about ${Math.round(sent / 1048576)} MiB after ${ENDLESS_LINE_MS / 1000} s, still reading; the rest was not sent`);
        break;
      }
      try {
        await connection.send(piece.subarray(0, Math.min(piece.length, size - sent)));
      } catch {
        this.note(`the server stopped taking bytes after about ${Math.round(sent / 1048576)} MiB`);
        break;
      }
    }
  },
  { timeout: 60_000 },
);

/** How long the endless line is sent for, at most (within the step's 60 s). */
const ENDLESS_LINE_MS = 40_000;

step('{int} idle clients are connected', async function (this: HftpWorld, count: number) {
  const names = Array.from({ length: count }, (_, i) => `I${i + 1}`);
  // In batches, so that a server with a small accept backlog is not refused for it.
  for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((name) => this.client(name)));
});
