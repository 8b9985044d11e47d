import type { Socket } from 'node:net';
import { statusLine } from '../protocol/response-serializer';
import { isFatal, isRequestError, StatusCode } from '../protocol/status-code';
import { runCommand, type CommandResult } from './commands';
import { LineFramer, type Frame, type FramerLimits } from './line-framer';
import { parseRequest, type ParserOptions } from './request';
import { ConnectionGone, ResponseWriter } from './response-writer';
import type { ServedDirectory } from './served-directory';

export interface ConnectionOptions extends ParserOptions {
  directory: ServedDirectory;
  framerLimits: FramerLimits;
  /** Extension `error-limit`: after this many 2xx answers, the next request gets 101. 0: off. */
  maxErrors: number;
  /** Where internal failures are reported (the server's stderr). */
  log: (message: string) => void;
}

/** Frames waiting to be answered before the socket stops reading (bounds memory). */
const MAX_QUEUED_FRAMES = 64;
/** After a fatal status or quit: how long a peer that does not close may keep the socket. */
const LINGER_MS = 5_000;

/**
 * One client's session: bytes in, frames, requests, responses out, strictly one request at a
 * time and in arrival order (requests pipelined in one segment are answered in order).
 *
 * It ends in one of three ways: `quit` (0 OK, then close), a fatal status (1xx, then close),
 * or the peer going away. Once it is ending, nothing more is read as a request.
 */
export class Connection {
  private readonly framer: LineFramer;
  private readonly writer: ResponseWriter;
  private readonly queue: Frame[] = [];
  private answering = false;
  private ending = false;
  /** The peer sent FIN: answer what it asked, then close (it may still be reading). */
  private peerDone = false;
  private errors = 0;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
  ) {
    this.framer = new LineFramer(options.framerLimits);
    this.writer = new ResponseWriter(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => {
      this.peerDone = true;
      if (!this.answering) this.end();
    });
    // A reset or a write to a gone peer: nothing to answer, just let go. Never thrown.
    socket.on('error', () => socket.destroy());
  }

  private receive(chunk: Buffer): void {
    if (this.ending) return; // drained and ignored until the peer closes
    this.queue.push(...this.framer.push(chunk));
    if (this.queue.length >= MAX_QUEUED_FRAMES) this.socket.pause();
    void this.answerQueued();
  }

  private async answerQueued(): Promise<void> {
    if (this.answering) return;
    this.answering = true;
    try {
      let frame: Frame | undefined;
      while (!this.ending && (frame = this.queue.shift())) {
        await this.answer(frame);
        if (this.queue.length < MAX_QUEUED_FRAMES / 2 && this.socket.isPaused()) this.socket.resume();
      }
    } catch (error) {
      if (!(error instanceof ConnectionGone)) this.options.log(`connection error: ${String(error)}`);
      this.socket.destroy();
    } finally {
      this.answering = false;
    }
    if (this.peerDone && this.queue.length === 0) this.end();
  }

  private async answer(frame: Frame): Promise<void> {
    this.writer.begin();
    if (frame.kind === 'bad-eol') return this.refuse(StatusCode.BAD_EOL);
    if (frame.kind === 'too-long') return this.refuse(StatusCode.BAD_REQUEST);
    if (this.options.maxErrors > 0 && this.errors >= this.options.maxErrors) return this.refuse(StatusCode.BAD_REQUEST);

    const parsed = parseRequest(frame, this.options);
    if (!parsed.ok) return this.refuse(parsed.status);
    let outcome: CommandResult;
    try {
      outcome = await runCommand(parsed.request, { directory: this.options.directory, writer: this.writer });
    } catch (error) {
      if (error instanceof ConnectionGone) throw error;
      this.options.log(`internal error on ${parsed.request.command}: ${String(error)}`);
      // Half a response is already on the wire: no status line can follow it, only a close.
      if (this.writer.started) throw error;
      outcome = { kind: 'refused', status: StatusCode.INTERNAL_ERROR };
    }
    if (outcome.kind === 'refused') return this.refuse(outcome.status);
    if (outcome.kind === 'quit') this.end();
  }

  /** Send an error status; 1xx also ends the connection, 2xx counts towards the error limit. */
  private async refuse(status: StatusCode): Promise<void> {
    await this.writer.write(statusLine(status));
    if (isRequestError(status)) this.errors++;
    if (isFatal(status)) this.end();
  }

  /**
   * Close our side once the last response is flushed. Bytes the peer still sends are read and
   * dropped (closing with unread data would make the kernel send RST, and the peer could lose
   * the status line we just wrote).
   */
  private end(): void {
    if (this.ending) return;
    this.ending = true;
    this.queue.length = 0;
    this.socket.end();
    this.socket.resume();
    setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
  }
}
