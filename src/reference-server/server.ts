import * as net from 'node:net';
import { statusLine } from '../protocol/response-serializer';
import { StatusCode } from '../protocol/status-code';
import { DEFAULT_PORT } from '../protocol/wire';
import { Connection } from './connection';
import { DEFAULT_FRAMER_LIMITS, type FramerLimits } from './line-framer';
import { ServedDirectory } from './served-directory';

export interface ServerOptions {
  directory: string;
  port: number;
  address: string;
  /** Extension `error-limit` (0 turns it off). */
  maxErrors: number;
  /** Extension `ascii-check`. */
  asciiCheck: boolean;
  /** Extension `hftp-2026`: help, raw slices. */
  hftp2026: boolean;
  framerLimits: FramerLimits;
  /** Connections served at once; one more is told 199 and closed. */
  maxConnections: number;
  /** A connection with no byte from the client for this long is closed (silently). 0: never. */
  idleTimeoutMs: number;
  /**
   * Tests only: names starting with this prefix fail to open as if unreadable (EACCES), so
   * that the internal-error rule can be tested where no file is unreadable (running as root).
   */
  unreadablePrefix?: string;
  log: (message: string) => void;
}

export const DEFAULT_SERVER_OPTIONS: Omit<ServerOptions, 'directory'> = {
  port: DEFAULT_PORT,
  address: '0.0.0.0',
  maxErrors: 5,
  asciiCheck: true,
  hftp2026: true,
  framerLimits: DEFAULT_FRAMER_LIMITS,
  maxConnections: 2000,
  idleTimeoutMs: 120_000,
  log: (message) => process.stderr.write(`hftp-server: ${message}\n`),
};

/** The reference HFTP server: one Connection per accepted socket, all served at once. */
export class HftpServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly options: ServerOptions;

  constructor(options: Partial<ServerOptions> & { directory: string }) {
    this.options = { ...DEFAULT_SERVER_OPTIONS, ...options };
    const connectionOptions = { ...this.options, directory: new ServedDirectory(this.options.directory, this.options.unreadablePrefix) };
    // allowHalfOpen: a client that sends its requests and then shuts down its sending side
    // (`printf 'get_file_listing\r\n' | nc -N host 19500`) still receives every answer.
    this.server = net.createServer({ allowHalfOpen: true }, (socket) => {
      if (this.sockets.size >= this.options.maxConnections) {
        // Past the limit, say so rather than leave the client waiting: a fatal status, then close.
        socket.on('error', () => socket.destroy());
        socket.end(statusLine(StatusCode.INTERNAL_ERROR));
        this.options.log(`refused a connection: ${this.sockets.size} already open (--max-connections)`);
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (this.options.idleTimeoutMs > 0) socket.setTimeout(this.options.idleTimeoutMs, () => socket.destroy());
      new Connection(socket, connectionOptions);
    });
    // Errors of the listening socket itself (EMFILE on accept...) are logged, never thrown.
    this.server.on('error', (error) => this.options.log(`server error: ${error.message}`));
  }

  /** Resolves with the port actually bound (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port: this.options.port, host: this.options.address, backlog: 1024 }, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stop accepting and drop every connection. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
