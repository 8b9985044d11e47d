import { ProtocolViolation } from '../../src/client/errors';
import { escapeBytes } from '../../src/client/escape';
import type { HftpConnection } from '../../src/client/hftp-connection';
import { parseStatusLine, type StatusLine } from '../../src/client/status-line';
import { awaiting, describeStatus, Mismatch } from './mismatch';
import type { HftpWorld } from './world';

/*
 * The expectations several step files share: one status, one line. Each reads from a
 * client's connection and records the status for the conditional steps that follow.
 */

/** Read a status line on `client`'s connection; it must carry `code`. */
export async function expectStatus(
  world: HftpWorld,
  client: string,
  code: number,
  options: { timeoutMs?: number; expected?: string } = {},
): Promise<StatusLine> {
  const connection = await world.client(client);
  const expected = options.expected ?? `status ${code}`;
  const status = await awaiting(expected, () => readStatusPast(world, connection, options.timeoutMs));
  world.lastStatus.set(client, status);
  if (status.code !== code) throw new Mismatch(expected, describeStatus(status));
  return status;
}

/** Empty lines a status read steps over, outside STATUS-6, before it gives up. */
const STRAY_LINES = 4;

/** Where a stray-byte note goes: the scenario's notes, unless the caller gathers them (fuzzing). */
export type StrayNote = (text: string) => void;

/**
 * Read a status line. An empty line where a status line should start is a stray line after
 * the previous answer: STATUS-6's concern (its own scenarios fail on it). Any other rule
 * steps over it, with a note, and is judged on its own concern.
 *
 *     "203 OFFSET EXCEEDS FILE SIZE\r\n"  "\r\n"  "0 OK\r\n"   ->  203, then 0 (one stray line noted)
 */
export async function readStatusPast(
  world: HftpWorld,
  connection: HftpConnection,
  timeoutMs?: number,
  note: StrayNote = (text) => world.note(text),
): Promise<StatusLine> {
  if (world.judgesStrayBytes) return connection.readStatus(timeoutMs);
  for (let stray = 0; ; stray++) {
    const line = await connection.readLine('a status line', undefined, timeoutMs, 'status line');
    const status = parseStatusLine(line);
    if (status) return status;
    if (line.toString('latin1').trim() !== '' || stray >= STRAY_LINES) {
      throw new ProtocolViolation('a status line', `"${escapeBytes(line)}\\r\\n" is not of the form <digits> <text>\\r\\n`);
    }
    note(`${connection.label}: an empty line where a status line should start (STATUS-6 judges that; stepped over here)`);
  }
}

/**
 * The close must come within `ms`, with no answer before it. Empty lines before the close
 * ("100 BAD EOL\r\n" "\r\n" <close>) are STATUS-6's concern, judged by its own
 * scenarios: any other rule steps over them, with a note. Fails with the connection's own
 * ProtocolViolation (the caller says what it expected).
 */
export async function expectClose(world: HftpWorld, connection: HftpConnection, ms: number, note: StrayNote = (text) => world.note(text)): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    const left = Math.max(0, deadline - performance.now());
    try {
      await connection.expectClose(left);
      return;
    } catch (error) {
      if (world.judgesStrayBytes || !connection.unread) throw error;
      const stray = connection.peek(connection.unread);
      if (!/^[\r\n \t]*$/.test(stray.toString('latin1'))) throw error;
      await connection.readBytes(stray.length);
      note(`${connection.label}: "${escapeBytes(stray)}" before the close (STATUS-6 judges that; stepped over here)`);
    }
  }
}

/** Read one line on the current client's connection; it must be `expected` (without CR LF). */
export async function expectLine(world: HftpWorld, expected: Buffer, context = ''): Promise<void> {
  const connection = await world.client();
  const want = `${context}the line "${escapeBytes(expected)}\\r\\n"`;
  const line = await awaiting(want, () => connection.readLine('a line'));
  if (!line.equals(expected)) throw new Mismatch(want, `"${escapeBytes(line)}\\r\\n"`);
}

/** The code of the current client's last status, or 'closed'. */
export function statusOf(world: HftpWorld): number | 'closed' | undefined {
  const last = world.lastStatus.get(world.current);
  return last === 'closed' ? last : last?.code;
}
