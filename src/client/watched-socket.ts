import type * as net from 'node:net';
import type { CloseKind } from './errors';
import { CLIENT_CLOSED_NOTE, CLIENT_RESET_NOTE, type Transcript } from './transcript';

/**
 * One client socket's life as HftpConnection sees it: the bytes that arrive (recorded in
 * the transcript, then handed on), who closed it and how, and a wait for the next of those
 * events that ends at a deadline. What the bytes mean is not its concern.
 *
 *   data  -> transcript "received", onData(chunk); receiving pauses while onData says so
 *   end, close -> closed by the server (EOF);  error -> reset (ECONNRESET, ...)
 *   close(), reset() -> closed here: what the socket reports next is our own doing
 */
export class WatchedSocket {
  private closedByPeer: CloseKind | null = null;
  private closedByUs = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly socket: net.Socket,
    private readonly label: string,
    private readonly transcript: Transcript,
    /** Takes each chunk; returns true when too much waits unread, to pause receiving. */
    onData: (chunk: Buffer) => boolean,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.transcript.record(this.label, 'received', chunk);
      if (onData(chunk)) socket.pause();
      this.notify();
    });
    socket.on('end', () => this.peerClosed('eof'));
    socket.on('error', (error: NodeJS.ErrnoException) => this.peerClosed('reset', error.code));
    socket.on('close', () => this.peerClosed('eof'));
  }

  /** How the server closed the connection, if it has (as far as seen so far). */
  get closedBy(): CloseKind | null {
    return this.closedByPeer;
  }

  /** We closed or reset it ourselves. */
  get closedHere(): boolean {
    return this.closedByUs;
  }

  /** Neither side has closed it: bytes can still be sent. */
  get open(): boolean {
    return !this.closedByPeer && !this.closedByUs && !this.socket.destroyed;
  }

  /** The socket itself, to write on. */
  get raw(): net.Socket {
    return this.socket;
  }

  /** Wait for data or a close; false when `timeoutMs` passes first. Receiving resumes for it. */
  nextEvent(timeoutMs: number): Promise<boolean> {
    if (this.socket.isPaused() && !this.closedByPeer) this.socket.resume();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve(true);
      };
    });
  }

  /** Close our side politely (FIN). */
  close(): void {
    if (!this.socket.destroyed) this.transcript.event(this.label, CLIENT_CLOSED_NOTE);
    this.closedByUs = true;
    this.socket.destroy();
    this.notify(); // a read still waiting ends now, not at its timeout
  }

  /** Abort the connection with a TCP reset (RST), as a crashing client would. */
  reset(): void {
    if (!this.socket.destroyed) this.transcript.event(this.label, CLIENT_RESET_NOTE);
    this.closedByUs = true;
    this.socket.resetAndDestroy();
    this.notify();
  }

  private notify(): void {
    this.wake?.();
  }

  private peerClosed(how: CloseKind, code?: string): void {
    if (this.closedByPeer) return;
    this.closedByPeer = how;
    if (this.closedByUs) return;
    this.transcript.event(this.label, how === 'reset' ? `connection reset (${code ?? 'error'})` : 'closed by the server (EOF)');
    this.notify();
  }
}
