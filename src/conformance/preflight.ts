import { ConnectFailed, HftpClientError, PeerClosed, ReadTimeout, SendFailed } from '../client/errors';
import { escapeBytes } from '../client/escape';
import { HftpConnection } from '../client/hftp-connection';
import type { Fixture } from '../fixtures/fixture-set';
import type { Target } from './target';

export interface PreflightResult {
  /** Null when the run can go on; else one sentence saying why it cannot. */
  blocker: string | null;
  /** Doubts that do not stop the run (the target answered oddly). */
  warnings: string[];
}

/** Longest wait for the answer to the closing `quit`. */
const QUIT_ANSWER_MS = 1000;

/**
 * Before any scenario: can the target be tested at all? One connection: `get_metadata` of
 * each fixture, then `get_file_listing`, one request at a time (no pipelining: that is a
 * rule under test, not a precondition), then `quit`, whose answer is read before the
 * connection closes (a server with a pool of workers that leak on clients that vanish is
 * not used up by its own preflight).
 *
 * The preflight only gates. The run stops only where no verdict could mean anything:
 *  - nothing accepts connections on the target's address;
 *  - the target never answers: not a byte in answer to the first request within the budget
 *    (the course's own read timeout is 3 s), or a close without a word;
 *  - it serves another directory: a fixture it answers 202 for and does not list, or a
 *    listed name that is not a fixture (spaces and tabs before the CR LF forgiven, as every
 *    read forgives them).
 * Everything else (wrong sizes, odd spacing, odd answers) is for the rules to judge: at most
 * a warning line here.
 */
export async function preflight(target: Target, fixtures: Iterable<Fixture>, budgetMs = 3000): Promise<PreflightResult> {
  const where = `${target.host}:${target.port}`;
  const deadline = Date.now() + budgetMs;
  const left = () => Math.max(1, deadline - Date.now());
  const warnings: string[] = [];
  let connection: HftpConnection;
  try {
    connection = await HftpConnection.connect({ host: target.host, port: target.port, timeoutMs: Math.min(1000, budgetMs), label: 'preflight' });
  } catch (error) {
    if (!(error instanceof ConnectFailed)) throw error;
    return { blocker: `Nothing accepts connections on ${where}: ${error.reason.replace(/ \(is the server running\?\)$/, '')}. Is the server running, on that port?`, warnings };
  }
  const expected = [...fixtures];
  const refused = new Set<string>(); // get_metadata answered 202
  const sizes: string[] = [];
  let listed: string[] | null = null;
  let answered = false; // a byte came in answer to something
  let inSync = true; // every answer read whole: the next status line is the next answer
  let blocker: string | null = null;
  try {
    let complete = true;
    for (const fixture of expected) {
      if (Date.now() >= deadline) {
        warnings.push(`the fixture check ran out of time before ${fixture.name}`);
        complete = false;
        break;
      }
      await connection.sendRequest('get_metadata', fixture.name);
      // The first answer may take the whole budget; after that, the server has shown it answers.
      const status = await connection.readStatus(answered ? Math.min(1000, left()) : left());
      answered = true;
      if (status.code === 202) {
        refused.add(fixture.name);
      } else if (status.code === 0) {
        const size = await connection.readSize();
        if (size !== fixture.size) sizes.push(`${fixture.name}: ${size} bytes, not ${fixture.size}`);
      } else {
        warnings.push(`get_metadata ${fixture.name} answered ${status.code} ${status.text}`);
        complete = false;
        break;
      }
    }
    // Last, as nothing but quit follows it: the names served, beside or instead of the fixtures.
    if (complete && expected.length && Date.now() < deadline) {
      await connection.sendRequest('get_file_listing');
      if ((await connection.readStatus()).code === 0) listed = await connection.readListing();
    }
  } catch (error) {
    if (!(error instanceof HftpClientError)) throw error;
    inSync = false;
    if (!answered && neverAnswered(error)) {
      blocker = `The server at ${where} accepts connections but never answers: ${
        error instanceof ReadTimeout
          ? `nothing came within ${(error.timeoutMs / 1000).toFixed(1)} s of "get_metadata ${expected[0]?.name}\\r\\n"`
          : `it closed the connection without a word after "get_metadata ${expected[0]?.name}\\r\\n"`
      }. Does it answer requests that end in CR LF, on that port?`;
    } else {
      warnings.push(`could not confirm the fixture set: ${error.message}`);
    }
  } finally {
    await leave(connection, inSync);
  }
  if (blocker) return { blocker, warnings };

  const missing = expected.filter((fixture) => refused.has(fixture.name) && !listed?.includes(fixture.name)).map((fixture) => `${fixture.name} is missing`);
  const extra = listed?.filter((name) => !expected.some((fixture) => fixture.name === name)) ?? [];
  const wrong = [...missing, ...(extra.length ? [`it also serves ${extra.slice(0, 3).map(shown).join(', ')}${extra.length > 3 ? ', ...' : ''}`] : [])];
  if (wrong.length) {
    const directory = target.directory
      ? `the directory it was given (${target.directory.path}): does it take the directory from -d?`
      : 'the fixture set: write it with `hftp-conformance fixtures DIR` and serve DIR';
    return { blocker: `The server at ${where} does not serve ${directory} (${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? '; ...' : ''}).`, warnings };
  }
  const listedButRefused = [...refused].filter((name) => listed?.includes(name));
  if (listedButRefused.length) {
    warnings.push(`get_metadata answered 202 for ${listedButRefused.join(', ')}, which the listing names: the rules will judge it`);
  }
  if (sizes.length) {
    const copy = target.directory ? '' : '; if the served directory is not a fresh copy of the fixture set, write one with `hftp-conformance fixtures DIR`';
    warnings.push(`get_metadata gives other sizes than the fixtures' (${sizes.slice(0, 3).join('; ')}${sizes.length > 3 ? '; ...' : ''}): the rules will judge it (META-1)${copy}`);
  }
  return { blocker: null, warnings };
}

/** Not a byte came back: the first read timed out or met a close with nothing received, or the request could not even be sent. */
function neverAnswered(error: HftpClientError): boolean {
  if (error instanceof ReadTimeout || error instanceof PeerClosed) return error.partial.length === 0;
  return error instanceof SendFailed;
}

/** A listed name as it came (escaped, in case it holds control bytes). */
const shown = (name: string) => escapeBytes(Buffer.from(name, 'latin1'));

/**
 * End the connection as a client should: `quit`, its answer (when the conversation is in
 * step, so that the next status line is that answer), then close. Bounded; never throws.
 */
async function leave(connection: HftpConnection, inSync: boolean): Promise<void> {
  try {
    if (connection.closed) return;
    await connection.sendRequest('quit');
    if (inSync) await connection.readStatus(QUIT_ANSWER_MS);
  } catch (error) {
    if (!(error instanceof HftpClientError)) throw error;
  } finally {
    connection.close();
  }
}
