import { HftpClientError, PeerClosed, ReadTimeout } from '../../src/client/errors';
import { escapeBytes } from '../../src/client/escape';
import { HftpConnection } from '../../src/client/hftp-connection';
import { Transcript } from '../../src/client/transcript';
import type { FuzzRequest, FuzzSequence } from '../../src/conformance/fuzz';
import { isFatal } from '../../src/protocol/status-code';
import type { StatusLine } from '../../src/protocol/status-line';
import { compress, type ReproStep } from '../../src/report/repro-steps';
import { expectClose, readStatusPast, type StrayNote } from './expect';
import type { HftpWorld } from './world';

/*
 * One fuzzing sequence on the wire: each client connects, sends its random lines one at a
 * time, and each answer is checked (fuzz.steps.ts searches and shrinks with these).
 */

/** Fuzzing clients in a row that got no byte back, after which a sequence stops. */
const UNANSWERED_CLIENTS_IN_A_ROW = 2;

/** What one sequence did: its failures (empty when the server behaved), and the answers by kind. */
export interface SequenceOutcome {
  failures: string[];
  answers: Map<string, number>;
  /** Bytes the server sent in the whole sequence. */
  received: number;
  /** A read waited in vain (the server kept a connection open and said nothing). */
  silent: boolean;
}

/**
 * What became of one fuzzed request: answered (the connection goes on), accepted with
 * `0 OK` where nothing could be framed after it (noise, a malformed request: stop there),
 * closed by the server, or a failure of the rules.
 */
export type FuzzResult = { kind: 'answered' } | { kind: 'accepted' } | { kind: 'closed' } | { kind: 'failure'; why: string };

/** The reproducer's steps for a fuzzed sequence: each client connects, sends its lines one at a time (a pause for the answer), and closes. */
export function sequenceSteps(sequence: FuzzSequence): ReproStep[] {
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
export async function runSequence(world: HftpWorld, sequence: FuzzSequence, transcript = new Transcript()): Promise<SequenceOutcome> {
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
        const result = await fuzzOne(world, connection, line, request).catch((error: unknown): FuzzResult => {
          if (error instanceof ReadTimeout) outcome.silent = true;
          if (error instanceof HftpClientError) return { kind: 'failure', why: error.message };
          throw error;
        });
        if (result.kind === 'failure') outcome.failures.push(`client ${c + 1}, request ${r + 1}: "${escapeBytes(line.subarray(0, 80))}" -> ${result.why}`);
        outcome.answers.set(result.kind, (outcome.answers.get(result.kind) ?? 0) + 1);
        if (result.kind !== 'answered') break; // closed, or not usable any more
      }
      unansweredInARow = transcript.received === received && !connection.closed ? unansweredInARow + 1 : 0;
    } finally {
      await connection.leave(world.suite.config.closeTimeoutMs).catch(() => connection.close());
    }
  }
  outcome.received = transcript.received - receivedBefore;
  return outcome;
}

const ANSWERED: FuzzResult = { kind: 'answered' };
const CLOSED: FuzzResult = { kind: 'closed' };

/** The stray-byte notes a scenario's fuzzing made already: each is noted once, not once per sequence tried. */
const strayNotes = new WeakMap<HftpWorld, Set<string>>();

function noteOnce(world: HftpWorld): StrayNote {
  return (text) => {
    const noted = strayNotes.get(world) ?? new Set<string>();
    strayNotes.set(world, noted);
    if (noted.has(text)) return;
    noted.add(text);
    world.note(text);
  };
}

/**
 * Send one request and check its answer: a well-formed status line (and, for a success,
 * the right body), or a close. Empty lines after an answer are STATUS-6's concern, stepped
 * over here as every other rule does (support/expect.ts).
 */
async function fuzzOne(world: HftpWorld, connection: HftpConnection, line: Buffer, request: FuzzRequest): Promise<FuzzResult> {
  await connection.send(line);
  let status: StatusLine;
  try {
    status = await readStatusPast(world, connection, undefined, noteOnce(world));
  } catch (error) {
    if (error instanceof PeerClosed && error.partial.length === 0) return CLOSED;
    throw error;
  }
  if (isFatal(status.code)) {
    await expectClose(world, connection, world.suite.config.closeTimeoutMs, noteOnce(world));
    return CLOSED;
  }
  if (status.code !== 0) return ANSWERED;
  switch (request.kind) {
    case 'slice': {
      const payload = await connection.readPayload(request.size);
      const expected = world.suite.fixture(request.name).bytes(request.offset, request.size);
      return payload.bytes.equals(expected)
        ? ANSWERED
        : { kind: 'failure', why: `wrong bytes for get_slice ${request.name} ${request.offset} ${request.size}` };
    }
    case 'metadata': {
      const size = await connection.readSize();
      return size === world.suite.fixture(request.name).size ? ANSWERED : { kind: 'failure', why: `size ${size} for ${request.name}` };
    }
    case 'listing':
      await connection.readListing();
      return ANSWERED;
    default:
      // 0 OK to noise or to a malformed request: whatever follows cannot be framed, stop here.
      return { kind: 'accepted' };
  }
}
