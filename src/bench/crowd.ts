import { HftpClientError } from '../client/errors';
import { HftpConnection } from '../client/hftp-connection';
import type { Fixture } from '../fixtures/fixture-set';

/**
 * Concurrency: `clients` connections opened at once and all held open; once every one is
 * connected (or has failed to), each asks for `sliceBytes` of the file at its own offset.
 * A client is served if its answer is `0 ...` and the right bytes, within `timeoutMs` of the
 * start. Wrong bytes under status 0 are a verification failure; a refusal (199 at a
 * server's connection limit, say), a close or a timeout only means not served.
 */
export interface CrowdOptions {
  host: string;
  port: number;
  file: Fixture;
  clients: number;
  sliceBytes: number;
  timeoutMs: number;
}

export interface CrowdResult {
  clients: number;
  served: number;
  /** From the start to the last correct answer. */
  ms: number;
  notConnected: number;
  refused: number;
  /** Timed out, closed or reset before a whole answer. */
  unanswered: number;
  wrong: string[];
  /** One example of each way a client was not served. */
  examples: string[];
}

/** Offsets spread over the file, distinct for every client (and crossing block edges). */
export function crowdOffset(index: number, fileSize: number, sliceBytes: number): number {
  return (index * 33_037) % (fileSize - sliceBytes + 1);
}

export async function crowd(options: CrowdOptions): Promise<CrowdResult> {
  const { file, sliceBytes } = options;
  const offsets = Array.from({ length: options.clients }, (_, i) => crowdOffset(i, file.size, sliceBytes));
  const expected = offsets.map((offset) => file.bytes(offset, sliceBytes));
  const result: CrowdResult = { clients: options.clients, served: 0, ms: 0, notConnected: 0, refused: 0, unanswered: 0, wrong: [], examples: [] };
  const example = (kind: string, text: string) => {
    if (!result.examples.some((e) => e.startsWith(kind))) result.examples.push(`${kind}: ${text}`);
  };

  const started = performance.now();
  const deadline = started + options.timeoutMs;
  const left = () => Math.max(1, deadline - performance.now());
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), options.timeoutMs)));

  // Each connect gives up by the deadline on its own, so this settles in time.
  const connections = await Promise.all(
    offsets.map((_, i) => HftpConnection.connect({ host: options.host, port: options.port, timeoutMs: left(), label: `C${i}` }).catch((error: Error) => error)),
  );
  const ask = async (connection: HftpConnection | Error, i: number): Promise<void> => {
    if (!(connection instanceof HftpConnection)) {
      result.notConnected++;
      example('not connected', connection.message);
      return;
    }
    try {
      await connection.sendRequest('get_slice', file.name, offsets[i], sliceBytes);
      const status = await connection.readStatus(left());
      if (status.code !== 0) {
        result.refused++;
        example('refused', `status ${status.code} ${status.text}`);
        return;
      }
      const { bytes } = await connection.readPayload(sliceBytes);
      if (!bytes.equals(expected[i])) {
        let at = 0;
        while (bytes[at] === expected[i][at]) at++;
        result.wrong.push(
          `get_slice ${file.name} ${offsets[i]} ${sliceBytes}: wrong byte at offset ${offsets[i] + at} (0x${bytes[at].toString(16)} instead of 0x${expected[i][at].toString(16)})`,
        );
        return;
      }
      if (performance.now() <= deadline) {
        result.served++;
        result.ms = performance.now() - started;
      } else {
        result.unanswered++;
        example('late', `answered after the ${options.timeoutMs} ms timeout`);
      }
    } catch (error) {
      if (!(error instanceof HftpClientError)) throw error;
      result.unanswered++;
      example('unanswered', error.message);
    }
  };
  try {
    const all = Promise.all(connections.map(ask));
    if ((await Promise.race([all, expired])) === 'expired') {
      // Whoever is still waiting is not served; closing wakes nobody, so stop counting here.
      const pending = options.clients - result.served - result.notConnected - result.refused - result.unanswered - result.wrong.length;
      result.unanswered += pending;
      if (pending > 0) example('unanswered', `${pending} clients had no whole answer within ${options.timeoutMs} ms`);
      all.catch(() => {});
    }
    // A snapshot: clients still reading after the deadline must not change the result.
    return { ...result, wrong: [...result.wrong], examples: [...result.examples] };
  } finally {
    clearTimeout(timer);
    for (const connection of connections) if (connection instanceof HftpConnection) connection.close();
  }
}
