import { HftpClientError } from '../client/errors';
import { HftpConnection } from '../client/hftp-connection';

/**
 * Is the target serving? One polite client, as the course's own would be:
 *
 *     -> "quit\r\n"      <- "<digits> <text>\r\n"      -> close (after the server's, if it comes)
 *
 * Any status line counts: whether `quit` is answered *correctly* is QUIT-1's concern, not
 * the probe's. The probe never connects and drops without a request: a server whose pool of
 * workers is freed only by `quit` or EOF-after-request would lose a worker to each probe.
 *
 * Returns null when served, else why not, in words for a failure message.
 */
export async function probeServing(host: string, port: number, timeoutMs: number): Promise<string | null> {
  let connection: HftpConnection;
  try {
    connection = await HftpConnection.connect({ host, port, timeoutMs, label: 'probe' });
  } catch (error) {
    if (error instanceof HftpClientError) return error.message;
    throw error;
  }
  try {
    await connection.send('quit\r\n');
    await connection.readStatus();
    return null;
  } catch (error) {
    if (error instanceof HftpClientError) return `a new client that sent "quit\\r\\n" was not answered: ${error.message}`;
    throw error;
  } finally {
    await connection.leave(Math.min(timeoutMs, 500));
  }
}
