import { HftpClientError, PeerClosed } from '../src/client/errors';
import { escapeBytes } from '../src/client/escape';
import type { HftpConnection } from '../src/client/hftp-connection';
import { randomBytesLine, randomRequest, seededRandom, type FuzzRequest } from '../src/conformance/fuzz';
import { isFatal } from '../src/protocol/status-code';
import { clientStep, step } from './support/dsl';
import { Mismatch } from './support/verdict';
import type { HftpWorld } from './support/world';

/*
 * Clients that misbehave: resets in the middle of an answer, endless lines, noise, crowds.
 * Each scenario ends by checking that a fresh client is still served.
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

// ---------------------------------------------------------------- fuzzing

/** Erroneous requests per connection stay under the error limit of the design we follow (5). */
const REQUESTS_PER_CONNECTION = 3;
/** Fuzzing clients in a row that got no byte back, after which the fuzzing stops. */
const UNANSWERED_CLIENTS_IN_A_ROW = 2;

interface FuzzRun {
  seed: number;
  failures: string[];
  answers: Map<string, number>;
}
const fuzzRuns = new WeakMap<HftpWorld, FuzzRun>();

function seed(): number {
  const text = process.env.HFTP_SEED;
  return text && /^\d+$/.test(text) ? Number(text) : 2026;
}

for (const kind of ['lines of random bytes', 'random valid-looking requests'] as const) {
  step(
    `{int} clients each send ${REQUESTS_PER_CONNECTION} ${kind}`,
    async function (this: HftpWorld, count: number) {
      const run: FuzzRun = { seed: seed(), failures: [], answers: new Map() };
      fuzzRuns.set(this, run);
      this.note(`seed ${run.seed} (replay with HFTP_SEED=${run.seed})`);
      const random = seededRandom(run.seed + (kind === 'lines of random bytes' ? 0 : 1));
      const files = [...this.suite.fixtures.values()].filter((f) => f.size < 1024 * 1024);
      let unansweredInARow = 0;
      for (let c = 1; c <= count; c++) {
        // A server that stopped answering has shown what this rule asks; the rest of the
        // clients would each only wait out a read timeout.
        if (unansweredInARow >= UNANSWERED_CLIENTS_IN_A_ROW) {
          run.failures.push(`the server answered none of the last ${unansweredInARow} clients: clients ${c} to ${count} were not sent`);
          break;
        }
        const name = `F${c}`;
        const received = this.transcript.received;
        const connection = await this.client(name);
        for (let r = 1; r <= REQUESTS_PER_CONNECTION; r++) {
          const { line, request } = kind === 'lines of random bytes' ? { line: randomBytesLine(random), request: { kind: 'other' } as FuzzRequest } : randomRequest(random, files);
          const outcome = await fuzzOne(this, connection, line, request).catch((error: unknown) => {
            if (error instanceof HftpClientError) return `failure: ${error.message}`;
            throw error;
          });
          if (outcome.startsWith('failure')) run.failures.push(`client ${c}, request ${r}: "${escapeBytes(line.subarray(0, 80))}" -> ${outcome.slice(9)}`);
          run.answers.set(outcome.split(' ')[0], (run.answers.get(outcome.split(' ')[0]) ?? 0) + 1);
          if (outcome !== 'answered') break; // closed, or not usable any more
        }
        unansweredInARow = this.transcript.received === received && !connection.closed ? unansweredInARow + 1 : 0;
        this.forget(name);
      }
      this.note(`answers: ${[...run.answers].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    },
    { timeout: 120_000 },
  );
}

/**
 * Send one request and check its answer: a well-formed status line (and, for a success,
 * the right body), or a close. Returns 'answered' when the connection can go on.
 */
async function fuzzOne(world: HftpWorld, connection: HftpConnection, line: Buffer, request: FuzzRequest): Promise<string> {
  await connection.send(line);
  let status;
  try {
    status = await connection.readStatus();
  } catch (error) {
    if (error instanceof PeerClosed && error.partial.length === 0) return 'closed';
    throw error;
  }
  if (isFatal(status.code)) {
    await connection.expectClose(world.suite.config.closeTimeoutMs);
    return 'closed';
  }
  if (status.code !== 0) return 'answered';
  switch (request.kind) {
    case 'slice': {
      const payload = await connection.readPayload(request.size);
      const expected = world.suite.fixture(request.name).bytes(request.offset, request.size);
      return payload.bytes.equals(expected) ? 'answered' : `failure: wrong bytes for get_slice ${request.name} ${request.offset} ${request.size}`;
    }
    case 'metadata': {
      const size = await connection.readSize();
      return size === world.suite.fixture(request.name).size ? 'answered' : `failure: size ${size} for ${request.name}`;
    }
    case 'listing':
      await connection.readListing();
      return 'answered';
    default:
      // 0 OK to noise or to a malformed request: whatever follows cannot be framed, stop here.
      return 'accepted';
  }
}

step('every answer was a well-formed status line, with the right content, or a close', function (this: HftpWorld) {
  const run = fuzzRuns.get(this);
  if (!run) throw new Error('no fuzzing ran in this scenario');
  if (run.failures.length) {
    throw new Mismatch(
      `only well-formed answers (seed ${run.seed}; replay with HFTP_SEED=${run.seed})`,
      `${run.failures.length} bad:\n    ${run.failures.slice(0, 8).join('\n    ')}`,
    );
  }
});
