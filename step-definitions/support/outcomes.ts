import type { StatusLine } from '../../src/protocol/status-line';
import { PeerClosed, ProtocolViolation } from '../../src/client/errors';
import { expectClose, readStatusPast } from './expect';
import { awaiting, describeStatus, Mismatch } from './mismatch';
import type { HftpWorld } from './world';

/**
 * Where the statements allow several behaviours, a step lists them all and any one passes:
 *
 *     Then the server's answer is one of: 100 then close, 101 then close, 200, 201, close
 *
 *   "201"             status 201 (the connection may stay open)
 *   "101 then close"  status 101, then the server closes within the close timeout
 *   "close"           the server closes without any status line
 *   "no answer"       nothing at all for the silence window, connection open
 */
export type AllowedOutcome = { kind: 'status'; code: number; thenClose: boolean } | { kind: 'close' } | { kind: 'no answer' };

export function parseOutcomes(list: string): AllowedOutcome[] {
  return list
    .split(/\s*,\s*(?:or\s+)?|\s+or\s+/)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text): AllowedOutcome => {
      if (text === 'close') return { kind: 'close' };
      if (text === 'no answer') return { kind: 'no answer' };
      const match = /^(\d+)( then close)?$/.exec(text);
      if (!match) throw new Error(`not an outcome: "${text}" (write e.g. 201, 101 then close, close, no answer)`);
      return { kind: 'status', code: Number(match[1]), thenClose: Boolean(match[2]) };
    });
}

export function describeOutcomes(outcomes: AllowedOutcome[]): string {
  const words = outcomes.map((o) => (o.kind === 'status' ? `${o.code}${o.thenClose ? ' then close' : ''}` : o.kind));
  return `one of: ${words.join(', ')}`;
}

/** Watch what the current client's server does, and check it is one of `allowed`. */
export async function observeOutcome(world: HftpWorld, allowed: AllowedOutcome[]): Promise<string> {
  const connection = await world.client();
  const expected = describeOutcomes(allowed);
  const allows = (kind: AllowedOutcome['kind']) => allowed.some((o) => o.kind === kind);

  if (allows('no answer')) {
    try {
      const closed = await connection.expectSilence(world.suite.config.silenceMs);
      if (!closed) return 'no answer';
    } catch (error) {
      if (!(error instanceof ProtocolViolation)) throw error; // bytes arrived: read them below
    }
  }

  let status: StatusLine;
  try {
    status = await readStatusPast(world, connection);
  } catch (error) {
    if (error instanceof PeerClosed && error.partial.length === 0 && allows('close')) {
      world.lastStatus.set(world.current, 'closed');
      return 'close';
    }
    return awaiting(expected, () => Promise.reject(error));
  }
  world.lastStatus.set(world.current, status);
  const matches = allowed.filter((o) => o.kind === 'status' && o.code === status.code) as { thenClose: boolean }[];
  if (matches.length === 0) throw new Mismatch(expected, describeStatus(status));
  if (matches.every((o) => o.thenClose)) {
    await awaiting(`${expected} (status ${status.code}, then a close within ${world.suite.config.closeTimeoutMs} ms)`, () =>
      expectClose(world, connection, world.suite.config.closeTimeoutMs),
    );
    return `${status.code} then close`;
  }
  return String(status.code);
}
