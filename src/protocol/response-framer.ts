import { ReceiveBuffer } from './receive-buffer';
import { type Expectation, ResponseParseError, ResponseParser } from './response-parser';
import type { StatusLine } from './status-line';

/*
 * Whole responses, each by the request it answers: what the mutant proxy needs to hand a
 * mutant one response at a time. The grammar is the ResponseParser's; this file adds which
 * body follows `0` after which command.
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

/** One response, framed: its bytes, the request it answers and its status line. */
export interface FramedResponse {
  bytes: Buffer;
  request: string;
  status: StatusLine;
}

/**
 * Cuts a server's bytes into whole responses with the ResponseParser (the grammar the
 * suite reads with), each by the request it answers. Bytes it cannot frame (not a response)
 * are left unframed: `rest` hands them over as they are.
 */
export class ResponseFramer {
  private readonly parser = new ResponseParser();
  private readonly bytes = new ReceiveBuffer();
  private start = 0; // where the current response began, in bytes parsed
  private status: StatusLine | null = null;

  constructor(
    /** The request the next response answers, without CR LF ('' if none is known). */
    private readonly request: () => string,
    private readonly onResponse: (response: FramedResponse) => void,
  ) {
    this.parser.expect({ kind: 'status' });
  }

  /** Bytes taken and not yet handed over in a whole response. */
  get pending(): number {
    return this.bytes.length;
  }

  push(chunk: Buffer): void {
    this.bytes.append(chunk);
    if (this.broken) return;
    try {
      this.parser.parse(chunk, (message) => {
        if (message.kind === 'status') {
          this.status = { code: message.code, text: message.text };
          const body = message.code === 0 ? bodyOf(this.request()) : null;
          if (body) this.parser.expect(body);
          else this.complete();
        } else if (message.kind === 'listingEnd' || message.kind === 'size' || message.kind === 'payloadEnd' || message.kind === 'rawEnd') {
          this.complete();
        }
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
    return this.bytes.take(this.bytes.length);
  }

  private complete(): void {
    const response = this.bytes.take(this.parser.consumed - this.start);
    this.start = this.parser.consumed;
    this.parser.expect({ kind: 'status' });
    this.onResponse({ bytes: response, request: this.request(), status: this.status as StatusLine });
  }
}

/** A whole response, read: its status, and the names, size or (decoded) payload after it. */
export function readResponse(response: Buffer, request: string): { status: StatusLine; names: string[]; size?: number; payload: Buffer } {
  const parser = new ResponseParser();
  const read: { status: StatusLine; names: string[]; size?: number; payload: Buffer } = { status: { code: -1, text: '' }, names: [], payload: Buffer.alloc(0) };
  const pieces: Buffer[] = [];
  parser.expect({ kind: 'status' });
  parser.parse(response, (message) => {
    if (message.kind === 'status') {
      read.status = { code: message.code, text: message.text };
      if (message.code === 0) parser.expect(bodyOf(request));
    } else if (message.kind === 'name') read.names.push(message.name);
    else if (message.kind === 'size') read.size = message.size;
    else if (message.kind === 'payloadChunk' || message.kind === 'rawChunk') pieces.push(message.bytes);
  });
  read.payload = Buffer.concat(pieces);
  return read;
}
