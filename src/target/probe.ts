import { HftpClientError } from '../client/errors';
import { HftpConnection } from '../client/hftp-connection';

/**
 * Is the target serving? One polite client, as the course's own would be:
 *
 *     -> "quit\r\n"      <- "<digits> <text>\r\n"      -> close (after the server's, if it comes)
 *
 * Any answer counts, even bytes that are no status line (a garbage or flooding server is
 * still there): whether `quit` is answered *correctly* is QUIT-1's concern, not the probe's.
 * Not one byte within `timeoutMs`, or a close without a word, is a server that no longer
 * serves. The probe never connects and drops without a request: a server whose pool of
 * workers is freed only by `quit` or EOF-after-request would lose a worker to each probe.
 *
 * `problem` is null when served, else why not, in words for a failure message; `connected`
 * tells a server that is not listening (yet) from one that listens and does not answer.
 */
export async function probeServing(host: string, port: number, timeoutMs: number): Promise<{ connected: boolean; problem: string | null }> {
  let connection: HftpConnection;
  try {
    connection = await HftpConnection.connect({ host, port, timeoutMs, label: 'probe' });
  } catch (error) {
    if (error instanceof HftpClientError) return { connected: false, problem: error.message };
    throw error;
  }
  try {
    await connection.send('quit\r\n');
    await connection.readStatus();
    return { connected: true, problem: null };
  } catch (error) {
    if (!(error instanceof HftpClientError)) throw error;
    if (connection.transcript.received > 0) return { connected: true, problem: null };
    return { connected: true, problem: `a new client that sent "quit\\r\\n" was not answered: ${error.message}` };
  } finally {
    await connection.leave(Math.min(timeoutMs, 500));
  }
}
