/**
 * The typed model of what an HFTP server sends back, as the response parser reports it.
 * A response is a status line, then (after `0 OK`) the body of the command it answers:
 *
 *     0 OK\r\n                          status     { code: 0, text: "OK" }
 *     archivo.txt\r\n                   name       (get_file_listing, help)
 *     \r\n                              listingEnd
 *     41\r\n                            size       (get_metadata)
 *     Y2Fsb3Ig\r\n                      payloadChunk..., payloadEnd (get_slice, base64)
 *     Content-Length: 20\r\n\r\n<20 bytes>  rawChunk..., rawEnd (get_slice F O S raw)
 *
 * The parser does not know which command a response answers: its user says what comes
 * next with an Expectation.
 */

/** What the parser is told to read next. */
export type Expectation =
  /** `<digits> <text>\r\n` */
  | { kind: 'status' }
  /** Any one line, given without its CR LF and padding (`awaited` names it in errors). */
  | { kind: 'line'; awaited?: string; maxBytes?: number; label?: string }
  /** `<decimal>\r\n`, the body of get_metadata. */
  | { kind: 'size' }
  /** `NAME\r\n`... up to the empty line `\r\n`: get_file_listing (and help). */
  | { kind: 'listing'; maxNames?: number }
  /** Base64 of exactly `size` bytes: one line, or several each padded on its own (SIZE 0: one empty line). */
  | { kind: 'base64'; size: number }
  /** `Content-Length: S\r\n`, `\r\n`, then S raw bytes (the 2026 revision's raw slice). */
  | { kind: 'raw' };

export type ExpectationKind = Expectation['kind'];

/** One event of a response, in wire order. */
export type ResponseMessage =
  | { kind: 'status'; code: number; text: string }
  | { kind: 'line'; line: Buffer }
  | { kind: 'name'; name: string }
  | { kind: 'listingEnd'; names: number }
  | { kind: 'size'; size: number }
  /** Decoded payload bytes, as they arrive (never the whole payload at once). */
  | { kind: 'payloadChunk'; bytes: Buffer }
  | { kind: 'payloadEnd'; lines: number }
  /** The raw slice's length, from its Content-Length line. */
  | { kind: 'rawLength'; length: number }
  | { kind: 'rawChunk'; bytes: Buffer }
  | { kind: 'rawEnd'; length: number }
  /**
   * A line that ended with spaces or tabs before its CR LF: forgiven (the other events
   * carry the line without them) and reported here. `line` says which ("status line",
   * "payload line 2", ...); `content` is the line without its padding (of a payload line,
   * only its last characters).
   */
  | { kind: 'padding'; line: string; content: Buffer; padding: Buffer };

export type MessageKind = ResponseMessage['kind'];

/** What the parser waits for now, in words: for timeouts and transcripts. */
export interface Awaiting {
  awaited: string;
  /** How far a many-part body got ("after 8 names"), and what it waits for then. */
  progress?: { awaited: string; after: string };
}

/** Bytes that cannot be what was expected. `message` says what came, escaped. */
export class ResponseParseError extends Error {
  constructor(
    /** What was expected ("a status line", "the payload", ...). */
    readonly expected: string,
    detail: string,
    /** The bytes were well formed, but more than were asked for (a payload past SIZE). */
    readonly overflow = false,
  ) {
    super(detail);
    this.name = 'ResponseParseError';
  }
}
