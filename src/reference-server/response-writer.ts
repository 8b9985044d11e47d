import type { Socket } from 'node:net';

/** The peer went away while a response was being written. */
export class ConnectionGone extends Error {
  constructor() {
    super('connection closed by the peer');
  }
}

/**
 * Writes one connection's responses with backpressure: `write` resolves once the socket can
 * take more, so a client that reads slowly holds the server to its pace instead of making it
 * buffer a whole slice in memory.
 */
export class ResponseWriter {
  /** Bytes of the current response already handed to the socket. */
  private sent = 0;

  constructor(private readonly socket: Socket) {}

  /** Start counting a new response. */
  begin(): void {
    this.sent = 0;
  }

  /** Whether the current response has started on the wire (too late for a status line). */
  get started(): boolean {
    return this.sent > 0;
  }

  async write(data: string | Buffer): Promise<void> {
    if (this.socket.destroyed || this.socket.writableEnded) throw new ConnectionGone();
    this.sent += data.length;
    // Every string written is ASCII (status lines, names, base64): latin1 skips the UTF-8 pass.
    if (typeof data === 'string' ? this.socket.write(data, 'latin1') : this.socket.write(data)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => {
        this.socket.off('drain', onDrain);
        this.socket.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new ConnectionGone());
      this.socket.on('drain', onDrain);
      this.socket.on('close', onClose);
    });
  }
}
