import { HftpClientError } from '../../src/client/errors';
import { escapeBytes } from '../../src/client/escape';
import type { StatusLine } from '../../src/client/status-line';

/**
 * A verdict: the target did something other than what the rule allows. `expected` lists
 * every allowed outcome, `received` says what came instead; the step layer adds the rule
 * and the transcript.
 */
export class Mismatch extends Error {
  constructor(
    readonly expected: string,
    readonly received: string,
  ) {
    super(`expected ${expected}, received ${received}`);
  }
}

/** Run a client read; a timeout, a close or malformed bytes become a Mismatch against `expected`. */
export async function awaiting<T>(expected: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof HftpClientError) throw new Mismatch(expected, error.message);
    throw error;
  }
}

export function describeStatus(status: StatusLine): string {
  return `status ${status.code} ("${escapeBytes(Buffer.from(`${status.code} ${status.text}\r\n`, 'latin1'))}")`;
}
