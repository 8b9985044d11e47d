import * as net from 'node:net';
import { ConnectFailed, SendFailed } from './errors';

/*
 * The two socket operations of HftpConnection that have a deadline of their own: opening
 * the connection, and handing a request to a server that may stop reading it.
 */

/** Open a TCP connection, failing with a clear message if the target is not there. */
export function openSocket(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectFailed(`${host}:${port}`, `no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = error.code === 'ECONNREFUSED' ? 'connection refused (is the server running?)' : error.message;
      reject(new ConnectFailed(`${host}:${port}`, why));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/**
 * Write `bytes`; resolves once the kernel has taken them. When they stop draining for
 * `timeoutMs` (the server stopped reading), fails instead of waiting forever; `onStall`
 * tells how many bytes were left.
 */
export function writeWatched(socket: net.Socket, bytes: Buffer, timeoutMs: number, onStall: (pending: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed || socket.writableEnded) {
      reject(new SendFailed('the connection is already closed: nothing could be sent'));
      return;
    }
    let pending = Number.POSITIVE_INFINITY;
    let lastProgress = performance.now();
    const watch = setInterval(
      () => {
        const now = performance.now();
        if (socket.writableLength < pending) {
          pending = socket.writableLength;
          lastProgress = now;
        } else if (now - lastProgress >= timeoutMs) {
          clearInterval(watch);
          onStall(pending);
          reject(new SendFailed(`the server stopped reading the request: ${pending} of its ${bytes.length} bytes still unsent after ${timeoutMs} ms`));
        }
      },
      Math.max(10, timeoutMs / 8),
    );
    socket.write(bytes, (error) => {
      clearInterval(watch);
      if (error) reject(new SendFailed(`sending failed: ${error.message}`));
      else resolve();
    });
  });
}
