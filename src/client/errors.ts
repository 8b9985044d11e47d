/**
 * What can go wrong while talking to a target. Each error says what was awaited, in words
 * a student can act on; the step layer adds the rule and the transcript.
 */
export class HftpClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The target could not be reached. */
export class ConnectFailed extends HftpClientError {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`could not connect to ${where}: ${reason}`);
  }
}

/** The client itself closed the connection while a read was waiting on it. */
export class ClosedHere extends HftpClientError {
  constructor(readonly awaited: string) {
    super(`the client closed the connection while waiting for ${awaited}`);
  }
}

/** The request could not be sent: the connection is gone, or the server stopped reading. */
export class SendFailed extends HftpClientError {}

/**
 * Nothing (or not enough) arrived in time. `partial` is what did arrive of the awaited item;
 * `after` says how far a multi-part answer got ("after 8 names").
 */
export class ReadTimeout extends HftpClientError {
  constructor(
    readonly awaited: string,
    readonly timeoutMs: number,
    readonly partial: Buffer,
    readonly after?: string,
  ) {
    super(
      after
        ? `nothing more within ${timeoutMs} ms ${after}, while waiting for ${awaited}`
        : partial.length
          ? `nothing more within ${timeoutMs} ms while waiting for ${awaited} (got only ${partial.length} bytes of it)`
          : `no answer within ${timeoutMs} ms (waiting for ${awaited})`,
    );
  }
}

/** The server closed (or reset) the connection before sending what was awaited. */
export class PeerClosed extends HftpClientError {
  constructor(
    readonly awaited: string,
    readonly how: CloseKind,
    readonly partial: Buffer,
  ) {
    super(`the server ${how === 'reset' ? 'reset' : 'closed'} the connection while the client waited for ${awaited}`);
  }
}

/** Bytes arrived that cannot be what was awaited (or did not arrive where they had to). */
export class ProtocolViolation extends HftpClientError {
  constructor(
    readonly awaited: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** How a connection ended: the peer's FIN (EOF) or a reset. */
export type CloseKind = 'eof' | 'reset';
