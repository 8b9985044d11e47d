import { type Expectation, ResponseParseError, ResponseParser } from './response-parser';
import type { StatusLine } from './status-line';

/*
 * Whole responses, each by the request it answers, and what they say: what the mutant proxy
 * needs to hand a mutant one response at a time. The grammar is the ResponseParser's; this
 * file adds which body follows `0` after which command.
 */

/**
 * What follows a `0` status line, by the request it answers (nothing after any other code):
 *
 *     get_file_listing, help    names up to the empty line
 *     get_metadata              the size line
 *     get_slice F O S           base64 of S bytes
 *     get_slice F O S raw       Content-Length: S, the empty line, S bytes
 */
export function bodyOf(request: string): Expectation | null {
  const [command, ...args] = request.split(' ');
  switch (command) {
    case 'get_file_listing':
    case 'help':
      return { kind: 'listing' };
    case 'get_metadata':
      return { kind: 'size' };
    case 'get_slice':
      return args[3] === 'raw' ? { kind: 'raw' } : { kind: 'base64', size: Number(args[2]) };
    default:
      return null;
  }
}

/** One response, framed: its bytes, the request it answers, and what the parser read in it. */
export interface FramedResponse {
  bytes: Buffer;
  request: string;
  status: StatusLine;
  /** The names of a listing (get_file_listing, help); none for any other answer. */
  names: string[];
  /** The size a get_metadata answer gives. */
  size?: number;
  /** The bytes of a slice: the base64 decoded, or the raw bytes as they came; empty for any other answer. */
  payload: Buffer;
}

/**
 * Cuts a server's bytes into whole responses with the ResponseParser (the grammar the
 * suite reads with), each by the request it answers, and reads them on the way (the
 * parser decodes a payload as it frames it). Bytes it cannot frame (not a response) are
 * left unframed: `rest` hands them over as they are.
 *
 * The chunks pushed are kept as they are, not copied, until their response is whole: a
 * response within one chunk is a view of it, one over several is copied once.
 */
export class ResponseFramer {
  private readonly parser = new ResponseParser();
  private readonly chunks: Buffer[] = []; // bytes pushed and not handed over yet
  private held = 0; // how many
  private start = 0; // where the current response began, in bytes parsed
  private status: StatusLine | null = null;
  private names: string[] = [];
  private size: number | undefined;
  private payload: Buffer[] = [];

  constructor(
    /** The request the next response answers, without CR LF ('' if none is known). */
    private readonly request: () => string,
    private readonly onResponse: (response: FramedResponse) => void,
  ) {
    this.parser.expect({ kind: 'status' });
  }

  /** Bytes taken and not yet handed over in a whole response. */
  get pending(): number {
    return this.held;
  }

  /** The next bytes from the server; `chunk` is kept, so it must not be changed afterwards. */
  push(chunk: Buffer): void {
    if (chunk.length) this.chunks.push(chunk);
    this.held += chunk.length;
    if (this.broken) return;
    try {
      this.parser.parse(chunk, (message) => {
        if (message.kind === 'status') {
          this.status = { code: message.code, text: message.text };
          const body = message.code === 0 ? bodyOf(this.request()) : null;
          if (body) this.parser.expect(body);
          else this.complete();
        } else if (message.kind === 'name') this.names.push(message.name);
        else if (message.kind === 'size') {
          this.size = message.size;
          this.complete();
        } else if (message.kind === 'payloadChunk' || message.kind === 'rawChunk') this.payload.push(message.bytes);
        else if (message.kind === 'listingEnd' || message.kind === 'payloadEnd' || message.kind === 'rawEnd') this.complete();
      });
    } catch (error) {
      // A parse error leaves the parser idle (`broken`): what follows is not framed.
      if (!(error instanceof ResponseParseError)) throw error;
    }
  }

  /** Whether the bytes stopped being responses: the rest is not framed. */
  private get broken(): boolean {
    return this.parser.expectation === null;
  }

  /** The bytes not framed (the server closed part way, or sent what is not a response). */
  rest(): Buffer {
    return this.cut(this.held);
  }

  private complete(): void {
    const bytes = this.cut(this.parser.consumed - this.start);
    this.start = this.parser.consumed;
    this.parser.expect({ kind: 'status' });
    const { names, size, payload } = this;
    this.names = [];
    this.size = undefined;
    this.payload = [];
    this.onResponse({
      bytes,
      request: this.request(),
      status: this.status as StatusLine,
      names,
      size,
      payload: payload.length === 1 ? payload[0] : Buffer.concat(payload),
    });
  }

  /** The next `count` bytes held: a view of one chunk, or the pieces of several in one copy. */
  private cut(count: number): Buffer {
    const pieces: Buffer[] = [];
    for (let left = count; left > 0; ) {
      const chunk = this.chunks[0];
      if (chunk.length > left) {
        pieces.push(chunk.subarray(0, left));
        this.chunks[0] = chunk.subarray(left);
        break;
      }
      pieces.push(chunk);
      this.chunks.shift();
      left -= chunk.length;
    }
    this.held -= count;
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, count);
  }
}
