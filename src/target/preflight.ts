import { ConnectFailed, HftpClientError, ReadTimeout } from '../client/errors';
import { escapeBytes } from '../client/escape';
import { HftpConnection } from '../client/hftp-connection';
import type { Fixture } from '../fixtures/fixture-set';
import { messages, type Lang } from '../i18n/index';
import { RUN_DEFAULTS } from '../conformance/config';
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
 *  - the target never answers: not a byte in answer to the first request within the run's
 *    read timeout (`timeoutMs`, by default the course's own 3 s), or a close without a word;
 *  - it serves another directory: a fixture it answers 202 for and does not list (without a
 *    listing: every fixture answered 202), or a listed name that is not a fixture (spaces and
 *    tabs before the CR LF forgiven, as every read forgives them).
 * Everything else (wrong sizes, odd spacing, odd answers) is for the rules to judge: at most
 * a warning line here.
 *
 * The first answer gets the whole read timeout, counted from its request (the connect takes
 * none of it); the later requests share what is left of that timeout, a second at most each:
 * a slow answer to them is only a warning.
 */
export async function preflight(
  target: Target,
  fixtures: Iterable<Fixture>,
  timeoutMs: number = RUN_DEFAULTS.timeoutMs,
  lang: Lang = 'en',
): Promise<PreflightResult> {
  const m = messages(lang);
  const where = `${target.host}:${target.port}`;
  const warnings: string[] = [];
  let connection: HftpConnection;
  try {
    connection = await HftpConnection.connect({ host: target.host, port: target.port, timeoutMs: Math.min(1000, timeoutMs), label: 'preflight' });
  } catch (error) {
    if (!(error instanceof ConnectFailed)) throw error;
    return { blocker: m['preflight.noConnection'](where, error.reason.replace(/ \(is the server running\?\)$/, '')), warnings };
  }
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const expected = [...fixtures];
  const refused = new Map<string, string>(); // get_metadata answered 202: the status text
  const sizes: string[] = [];
  let listed: string[] | null = null;
  let inSync = true; // every answer read whole: the next status line is the next answer
  let blocker: string | null = null;
  try {
    let complete = true;
    for (const fixture of expected) {
      if (Date.now() >= deadline) {
        warnings.push(m['preflight.outOfTime'](fixture.name));
        complete = false;
        break;
      }
      await connection.sendRequest('get_metadata', fixture.name);
      // The first answer may take the whole timeout; after that, the server has shown it answers.
      const status = await connection.readStatus(fixture === expected[0] ? timeoutMs : Math.min(1000, left()));
      if (status.code === 202) {
        refused.set(fixture.name, status.text);
      } else if (status.code === 0) {
        const size = await connection.readSize();
        if (size !== fixture.size) sizes.push(m['preflight.size'](fixture.name, size, fixture.size));
      } else {
        warnings.push(m['preflight.oddAnswer'](fixture.name, status.code, status.text));
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
    if (neverAnswered(connection)) {
      const request = `get_metadata ${expected[0]?.name}\\r\\n`;
      blocker = m['preflight.neverAnswers'](
        where,
        error instanceof ReadTimeout ? m['preflight.nothingWithin']((error.timeoutMs / 1000).toFixed(1), request) : m['preflight.closedWithoutWord'](request),
      );
    } else {
      warnings.push(m['preflight.unconfirmed'](error.message));
    }
  } finally {
    await leave(connection, inSync);
  }
  if (blocker) return { blocker, warnings };

  // Without the listing, a 202 may be the server's mistake as well as a missing file: it
  // serves another directory only if it refused every fixture; else the rules judge (META-2).
  const judgedMissing = listed !== null || (expected.length > 0 && refused.size === expected.length);
  const missing = judgedMissing
    ? expected.filter((fixture) => refused.has(fixture.name) && !listed?.includes(fixture.name)).map((fixture) => m['preflight.missing'](fixture.name))
    : [];
  if (!judgedMissing) for (const [name, text] of refused) warnings.push(m['preflight.oddAnswer'](name, 202, text));
  const extra = listed?.filter((name) => !expected.some((fixture) => fixture.name === name)) ?? [];
  const wrong = [
    ...missing,
    ...(extra.length ? [m['preflight.alsoServes'](`${extra.slice(0, 3).map(shown).join(', ')}${extra.length > 3 ? ', ...' : ''}`)] : []),
  ];
  if (wrong.length) {
    const directory = target.directory ? m['preflight.givenDirectory'](target.directory.path) : m['preflight.fixtureSet'];
    return { blocker: m['preflight.wrongDirectory'](where, directory, `${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? '; ...' : ''}`), warnings };
  }
  const listedButRefused = [...refused.keys()].filter((name) => listed?.includes(name));
  if (listedButRefused.length) {
    warnings.push(m['preflight.listedButRefused'](listedButRefused.join(', ')));
  }
  if (sizes.length) {
    const copy = target.directory ? '' : m['preflight.freshCopy'];
    warnings.push(m['preflight.otherSizes'](`${sizes.slice(0, 3).join('; ')}${sizes.length > 3 ? '; ...' : ''}`, copy));
  }
  return { blocker: null, warnings };
}

/** Not a byte came back (as probe.ts asks of its client): the first read timed out, met a close, or the request could not even be sent. */
const neverAnswered = (connection: HftpConnection): boolean => connection.transcript.received === 0;

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
