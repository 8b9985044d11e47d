import { escapeBytes } from './escape';
import { PADDED_CONTENT_BYTES, paddingStart } from './line-padding';
import type { ReceiveBuffer } from './receive-buffer';
import { type Awaiting, type ResponseMessage, ResponseParseError } from './response-messages';
import { CR, LF } from './wire';

/** Anything but the base64 alphabet and its padding. */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
/**
 * Of a padded payload line, the last characters kept for its `padding` message: one more
 * than the record of a padded line keeps, so that the record knows the line was longer.
 */
const PAYLOAD_TAIL = PADDED_CONTENT_BYTES + 1;

/**
 * The base64 body of a `get_slice` answer (SIZE > 0), for the response parser: lines whose
 * decoded bytes add up to SIZE, decoded as they come, so the encoded text is never held.
 *
 *     YWJjZGVm\r\n                   one line (the protocol's form)
 *     YWJj \r\nZGU=\t\r\n             several, each padded (=) on its own, spaces or tabs before CR LF
 *
 * Spaces and tabs are held back (unread) until the line end shows they were its last bytes;
 * more than `maxPadding` of them with no line end is an error.
 */
export class Base64Payload {
  /** How many lines carried the payload, once it is complete; null until then. */
  lines: number | null = null;
  private decoded = 0; // bytes of the lines already ended
  private line = 1;
  private written = 0; // bytes of this line
  private carry = ''; // fewer than 4 characters waiting for the rest of their group
  private padded = false; // this line had its '=': only its end may follow
  private held = 0; // spaces and tabs at the front of the buffer, waiting for what follows them
  private tail = ''; // the line's last characters, for its `padding` message
  private padding: Buffer | null = null; // set once the line's CR or LF is in sight

  constructor(
    readonly size: number,
    private readonly maxPadding: number,
  ) {}

  awaiting(): Awaiting {
    if (this.padding) return { awaited: `the end of payload line ${this.line}` };
    const awaited = `payload line ${this.line} (base64 of ${this.size - this.decoded - this.written} more of the ${this.size} bytes)`;
    return { awaited, progress: { awaited, after: `after ${this.decoded + this.written} of ${this.size} bytes` } };
  }

  /** What `awaiting` says, built only for an error. */
  private awaited(): string {
    return this.awaiting().awaited;
  }

  /** Decode what `buffer` holds of the payload (`skip` consumes); false when more bytes are needed. */
  step(buffer: ReceiveBuffer, skip: (count: number) => void, emit: (message: ResponseMessage) => void): boolean {
    if (this.padding) return this.endOfLine(buffer, skip, emit);
    if (buffer.length <= this.held) return false;
    const view = buffer.peek();
    // The line ends at its first CR or LF (a LF alone fails at the end of the line): a LF
    // is looked for only before the first CR.
    const cr = view.indexOf(CR);
    const lf = view.subarray(0, cr === -1 ? view.length : cr).indexOf(LF);
    const n = lf !== -1 ? lf : cr !== -1 ? cr : view.length;
    const ended = n < view.length; // a CR or LF ends the line
    const body = paddingStart(view.subarray(0, n));
    const text = view.toString('latin1', 0, body);
    // After a padded group the line must end: any character there is out of place.
    const bad = this.padded ? (text.length ? 0 : -1) : text.search(NOT_BASE64);
    if (bad !== -1)
      throw new ResponseParseError(this.awaited(), `not base64 at character ${this.carry.length + bad}: "${escapeBytes(view.subarray(bad, bad + 40))}"`);
    if (!ended && n - body > this.maxPadding) throw new ResponseParseError(this.awaited(), `more than ${this.maxPadding} spaces and tabs, and no end of line`);
    const chars = this.carry + text;
    const whole = chars.length - (chars.length % 4);
    const groups = chars.slice(0, whole);
    this.carry = chars.slice(whole);
    const padAt = groups.indexOf('=');
    if (padAt !== -1) {
      // Padding may only end the line: "xx==" or "xxx=" as its last group.
      if (padAt < groups.length - 2 || this.carry.length > 0 || !/^[^=]*={1,2}$/.test(groups.slice(-4))) {
        throw new ResponseParseError(this.awaited(), `misplaced '=' padding in "${groups.slice(Math.max(0, padAt - 8), padAt + 8)}"`);
      }
      this.padded = true;
    }
    const bytes = Buffer.from(groups, 'base64');
    if (this.decoded + this.written + bytes.length > this.size)
      throw new ResponseParseError('the payload', `decodes to more than the ${this.size} bytes asked for`, true);
    this.written += bytes.length;
    this.tail = (this.tail + text.slice(-PAYLOAD_TAIL)).slice(-PAYLOAD_TAIL);
    if (ended) this.padding = Buffer.from(view.subarray(body, n)); // a copy: the view ends at the next append
    skip(ended ? n : body);
    this.held = ended ? 0 : n - body;
    if (bytes.length) emit({ kind: 'payloadChunk', bytes });
    return true;
  }

  /** The CR LF of a payload line, then the line's checks; complete at SIZE bytes. */
  private endOfLine(buffer: ReceiveBuffer, skip: (count: number) => void, emit: (message: ResponseMessage) => void): boolean {
    const view = buffer.peek(2);
    if (view.length < 2 && !(view.length === 1 && view[0] === LF)) return false;
    if (view[0] !== CR || view[1] !== LF)
      throw new ResponseParseError(`the end of payload line ${this.line}`, `line not ended by CR LF: "${escapeBytes(view)}"`);
    skip(2);
    if (this.carry.length) throw new ResponseParseError('the payload', `line ${this.line} has a length that is not a multiple of 4 (unpadded base64)`);
    if (!this.written) throw new ResponseParseError('the payload', `line ${this.line} is empty, and only ${this.decoded} of ${this.size} bytes had arrived`);
    const padding = this.padding as Buffer;
    if (padding.length) emit({ kind: 'padding', line: `payload line ${this.line}`, content: Buffer.from(this.tail, 'latin1'), padding });
    this.decoded += this.written;
    if (this.decoded === this.size) {
      this.lines = this.line;
      return true;
    }
    this.line++;
    this.written = 0;
    this.padded = false;
    this.tail = '';
    this.padding = null;
    return true;
  }
}
