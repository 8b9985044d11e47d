import { escapeBytes } from '../../src/client/escape';
import type { StatusLine } from '../../src/client/status-line';
import { awaiting, describeStatus, Mismatch } from './verdict';
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
  const status = await awaiting(expected, () => connection.readStatus(options.timeoutMs));
  world.lastStatus.set(client, status);
  if (status.code !== code) throw new Mismatch(expected, describeStatus(status));
  return status;
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
