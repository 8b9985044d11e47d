import * as net from 'node:net';
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
  log: (message: string) => void;
}

export const DEFAULT_SERVER_OPTIONS: Omit<ServerOptions, 'directory'> = {
  port: 19500,
  address: '0.0.0.0',
  maxErrors: 5,
  asciiCheck: true,
  hftp2026: true,
  framerLimits: DEFAULT_FRAMER_LIMITS,
  log: (message) => process.stderr.write(`hftp-server: ${message}\n`),
};

/** The reference HFTP server: one Connection per accepted socket, all served at once. */
export class HftpServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly options: ServerOptions;

  constructor(options: Partial<ServerOptions> & { directory: string }) {
    this.options = { ...DEFAULT_SERVER_OPTIONS, ...options };
    const connectionOptions = { ...this.options, directory: new ServedDirectory(this.options.directory) };
    // allowHalfOpen: a client that sends its requests and then shuts down its sending side
    // (`printf 'get_file_listing\r\n' | nc -N host 19500`) still receives every answer.
    this.server = net.createServer({ allowHalfOpen: true }, (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      new Connection(socket, connectionOptions);
    });
  }

  /** Resolves with the port actually bound (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.address, () => {
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
