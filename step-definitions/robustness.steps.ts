import type { StatusLine } from '../src/protocol/status-line';
import { HftpClientError, PeerClosed, ReadTimeout } from '../src/client/errors';
import { escapeBytes } from '../src/client/escape';
import fc from 'fast-check';
import { HftpConnection } from '../src/client/hftp-connection';
import { Transcript } from '../src/client/transcript';
import { DEFAULT_SEED } from '../src/conformance/config';
import { byteLine, fuzzSequence, hftpLine, requestCount, type FuzzRequest, type FuzzSequence } from '../src/conformance/fuzz';
import { messages } from '../src/i18n';
import { compress, type ReproStep } from '../src/report/reproducer';
import { isFatal } from '../src/protocol/status-code';
import { clientStep, step } from './support/dsl';
import { Mismatch } from './support/mismatch';
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
/** Clients of one random sequence, at most; the step runs as many sequences as it names clients. */
const CLIENTS_PER_SEQUENCE = 3;
/** Fuzzing clients in a row that got no byte back, after which a sequence stops. */
const UNANSWERED_CLIENTS_IN_A_ROW = 2;
/**
 * Shrinking is bounded: it stops after this long, or this many smaller sequences tried,
 * and reports the smallest failing sequence found so far (saying so). Measured against the
 * zoo's dies-on-hex (a Python server whose process exits on one request, restarted for
 * every attempt): see test/student-servers/README.md.
 */
const SHRINK_BUDGET_MS = 30_000;
const SHRINK_MAX_ATTEMPTS = 300;

interface FuzzRun {
  seed: number;
  failure: { expected: string; received: string } | null;
}
const fuzzRuns = new WeakMap<HftpWorld, FuzzRun>();

/** What one sequence did: its failures (empty when the server behaved), and the answers by kind. */
interface SequenceOutcome {
  failures: string[];
  answers: Map<string, number>;
  /** Bytes the server sent in the whole sequence. */
  received: number;
  /** A read waited in vain (the server kept a connection open and said nothing). */
  silent: boolean;
}

for (const kind of ['lines of random bytes', 'random valid-looking requests'] as const) {
  step(
    `{int} clients each send ${REQUESTS_PER_CONNECTION} ${kind}`,
    async function (this: HftpWorld, count: number) {
      const m = messages(this.lang);
      const seed = this.suite.config.seed ?? DEFAULT_SEED;
      const run: FuzzRun = { seed, failure: null };
      fuzzRuns.set(this, run);
      this.note(m['fuzz.seed'](seed));
      const files = [...this.suite.fixtures.values()].filter((f) => f.size < 1024 * 1024).map((f) => ({ name: f.name, size: f.size }));
      const line = kind === 'lines of random bytes' ? byteLine() : hftpLine(files);
      const sequences = fuzzSequence(line, CLIENTS_PER_SEQUENCE, REQUESTS_PER_CONNECTION);
      const target = this.suite.target;
      const answers = new Map<string, number>();
      let clients = 0;
      let requests = 0;
      let runs = 0;
      let firstFailureAt: number | null = null;
      let shrinkAttempts = 0;
      let budgetSpent = false;
      let serving = true;
      let firstFailing: FuzzSequence | null = null;
      /** Why shrinking is not possible, when it is not (a target that cannot be restarted, a server that said nothing at all). */
      let noShrink: string | null = target.restartable ? null : m['fuzz.notShrunk'];

      /** Whether the shrinking budget allows one more attempt. */
      const mayAttempt = (): boolean => {
        if (noShrink) return false;
        if (Date.now() - (firstFailureAt ?? Date.now()) > SHRINK_BUDGET_MS || shrinkAttempts >= SHRINK_MAX_ATTEMPTS) {
          budgetSpent = true;
          return false;
        }
        return true;
      };
      /** Run one sequence on a server that serves (restarted first if the last one stopped it), then check a fresh client. Null when it cannot. */
      const attempt = async (sequence: FuzzSequence): Promise<SequenceOutcome | null> => {
        if (!serving) {
          const restarted = await target.recover().then(
            () => true,
            () => false,
          );
          if (!restarted) {
            noShrink = m['fuzz.notRestarted'];
            return null;
          }
          serving = true;
        }
        const outcome = await runSequence(this, sequence);
        // A fresh client after the sequence: a crash shows here, whatever the sequence read.
        const problem = await target.checkHealth(this.suite.healthTimeoutMs);
        if (problem) {
          serving = false;
          outcome.failures.push(`after this sequence, ${problem}`);
        }
        return outcome;
      };

      const property = fc.asyncProperty(sequences, async (sequence) => {
        if (firstFailureAt !== null) {
          // Shrinking: bounded, and only where the server can be brought back for each attempt.
          if (!mayAttempt()) return true;
          shrinkAttempts++;
        }
        const outcome = await attempt(sequence);
        if (!outcome) return true;
        if (firstFailureAt === null) {
          runs++;
          clients += sequence.length;
          requests += requestCount(sequence);
          for (const [k, v] of outcome.answers) answers.set(k, (answers.get(k) ?? 0) + v);
        }
        if (outcome.failures.length === 0) return true;
        if (firstFailureAt === null) {
          firstFailureAt = Date.now();
          firstFailing = sequence;
          // Nothing to learn from smaller sequences when the server said nothing at all and kept the connections waiting.
          if (outcome.received === 0 && outcome.silent) noShrink = m['fuzz.silent'];
        }
        throw new Error(outcome.failures.join('\n'));
      });
      const details = await fc.check(property, { seed: seed + (kind === 'lines of random bytes' ? 0 : 1), numRuns: Math.max(1, count) });
      this.note(m['fuzz.runs'](runs, clients, requests));
      this.note(m['fuzz.answers']([...answers].map(([k, v]) => `${k} ${v}`).join(', ')));
      if (!details.failed || !details.counterexample) {
        if (!serving) await target.recover().catch(() => undefined);
        return;
      }
      let minimal = details.counterexample[0];
      let why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.error ?? '');
      // fast-check shrinks a list by dropping its first elements and simplifying each one; a
      // request after the one that broke the server stays. One pass that tries the sequence
      // without each request in turn (last first) takes those away, within the same budget.
      for (let c = minimal.length - 1; c >= 0 && !noShrink; c--) {
        for (let r = minimal[c].length - 1; r >= 0; r--) {
          if (requestCount(minimal) === 1 || !mayAttempt()) break;
          const candidate = minimal.map((client, i) => (i === c ? client.filter((_, k) => k !== r) : client)).filter((client) => client.length > 0);
          shrinkAttempts++;
          const outcome = await attempt(candidate);
          if (outcome && outcome.failures.length > 0) {
            minimal = candidate;
            why = outcome.failures.join('\n');
          }
          if (c >= minimal.length) break;
        }
      }
      if (!serving) await target.recover().catch(() => undefined);
      const from = firstFailing ? requestCount(firstFailing) : requestCount(minimal);
      const shrinkSeconds = firstFailureAt === null ? '0' : ((Date.now() - firstFailureAt) / 1000).toFixed(1);
      const how = noShrink ?? m['fuzz.shrunk'](requestCount(minimal), minimal.length, from, shrinkAttempts, shrinkSeconds);
      this.note(how);
      if (budgetSpent) this.note(m['fuzz.budget'](SHRINK_BUDGET_MS / 1000));
      const shown = minimal
        .map((client, c) =>
          client
            .map((r) => `client ${c + 1}: "${escapeBytes(r.line.subarray(0, 120))}"${r.line.length > 120 ? ` (${r.line.length} bytes)` : ''}`)
            .join('\n    '),
        )
        .join('\n    ');
      run.failure = {
        expected: `only well-formed answers, and a fresh client served afterwards (seed ${seed}; replay with --seed ${seed})`,
        received: `${why.split('\n').join('; ')}\n    ${m['fuzz.minimal']}\n    ${shown}\n    ${how}`,
      };
      this.reproduction = { steps: sequenceSteps(minimal), caveats: [] };
      // The scenario's transcript shows the minimal sequence itself, on a server that serves.
      if (target.restartable) {
        await target.recover().catch(() => undefined);
        await runSequence(this, minimal, this.transcript);
      }
    },
    { timeout: 150_000 },
  );
}

/** The reproducer's steps for a fuzzed sequence: each client connects, sends its lines one at a time (a pause for the answer), and closes. */
function sequenceSteps(sequence: FuzzSequence): ReproStep[] {
  const steps: ReproStep[] = [];
  let at = 0;
  sequence.forEach((requests, c) => {
    const client = `F${c + 1}`;
    steps.push({ client, action: 'connect', atMs: at });
    for (const request of requests) {
      at += 10;
      steps.push({ client, action: 'send', pieces: compress([{ bytes: request.line }]), atMs: at });
      at += 500;
    }
    steps.push({ client, action: 'close', atMs: at });
    at += 10;
  });
  // Then a fresh client, as the suite checks: is the server still serving?
  steps.push(
    { client: 'NEW', action: 'connect', atMs: at + 500 },
    { client: 'NEW', action: 'send', pieces: [{ bytes: Buffer.from('quit\r\n') }], atMs: at + 510 },
  );
  return steps;
}

/**
 * Send one sequence: each client on its own connection, its requests one at a time, each
 * answer checked. Connections record into `transcript` (the scenario's, for the final
 * replay of the minimal sequence) or into a throwaway one while searching and shrinking.
 */
async function runSequence(world: HftpWorld, sequence: FuzzSequence, transcript = new Transcript()): Promise<SequenceOutcome> {
  const outcome: SequenceOutcome = { failures: [], answers: new Map(), received: 0, silent: false };
  const receivedBefore = transcript.received;
  const target = world.suite.target;
  let unansweredInARow = 0;
  for (let c = 0; c < sequence.length; c++) {
    if (unansweredInARow >= UNANSWERED_CLIENTS_IN_A_ROW) {
      outcome.failures.push(`the server answered none of the last ${unansweredInARow} clients`);
      outcome.silent = true;
      break;
    }
    const received = transcript.received;
    let connection: HftpConnection;
    try {
      connection = await HftpConnection.connect({
        host: target.host,
        port: target.port,
        timeoutMs: world.suite.config.timeoutMs,
        label: `F${c + 1}`,
        transcript,
      });
    } catch (error) {
      if (!(error instanceof HftpClientError)) throw error;
      outcome.failures.push(`client ${c + 1} could not connect: ${error.message}`);
      break;
    }
    try {
      for (let r = 0; r < sequence[c].length; r++) {
        const { line, request } = sequence[c][r];
        const result = await fuzzOne(world, connection, line, request).catch((error: unknown) => {
          if (error instanceof ReadTimeout) outcome.silent = true;
          if (error instanceof HftpClientError) return `failure: ${error.message}`;
          throw error;
        });
        if (result.startsWith('failure'))
          outcome.failures.push(`client ${c + 1}, request ${r + 1}: "${escapeBytes(line.subarray(0, 80))}" -> ${result.slice(9)}`);
        const word = result.split(' ')[0].replace(/:$/, '');
        outcome.answers.set(word, (outcome.answers.get(word) ?? 0) + 1);
        if (result !== 'answered') break; // closed, or not usable any more
      }
      unansweredInARow = transcript.received === received && !connection.closed ? unansweredInARow + 1 : 0;
    } finally {
      await connection.leave(world.suite.config.closeTimeoutMs).catch(() => connection.close());
    }
  }
  outcome.received = transcript.received - receivedBefore;
  return outcome;
}
/**
 * Send one request and check its answer: a well-formed status line (and, for a success,
 * the right body), or a close. Returns 'answered' when the connection can go on.
 */
async function fuzzOne(world: HftpWorld, connection: HftpConnection, line: Buffer, request: FuzzRequest): Promise<string> {
  await connection.send(line);
  let status: StatusLine;
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
  if (run.failure) throw new Mismatch(run.failure.expected, run.failure.received);
});
