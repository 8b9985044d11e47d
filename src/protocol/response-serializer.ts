import { STATUS, StatusCode } from './status-code';
import { EOL } from './wire';

/*
 * What an HFTP server writes, one function per response (pg-protocol's `serialize.*`): the
 * reference server, the mutant zoo and the lenient server build their answers here. The
 * response parser (response-parser.ts) reads the same grammar.
 *
 * `pad` puts spaces or tabs before every CR LF of a response (as the lenient server does:
 * the course's client forgives them); it is not part of the protocol.
 */

/** `0 OK\r\n`, `202 FILE NOT FOUND\r\n`; any other text with `text`. */
export function statusLine(code: StatusCode | number, text: string = STATUS[code as StatusCode]?.text ?? ''): string {
  return `${code} ${text}${EOL}`;
}

const OK = statusLine(StatusCode.OK);

/**
 *     0 OK\r\n
 *     archivo.txt\r\n
 *     pangram.txt\r\n
 *     \r\n
 */
export function listing(names: readonly string[], status = OK): string {
  return status + names.map((name) => name + EOL).join('') + EOL;
}

/** The 2026 revision's `help`: the commands, one a line, as a listing. */
export function help(commands: readonly string[], status = OK): string {
  return listing(commands, status);
}

/**
 *     0 OK\r\n
 *     41\r\n
 */
export function metadata(size: number | bigint, status = OK): string {
  return `${status}${size}${EOL}`;
}

/**
 * A base64 slice, whole:
 *
 *     0 OK\r\n
 *     Y2Fsb3IgcXVlIGhhY2UgaG95LCA=\r\n
 *
 * With `lineBytes`, several lines of at most that many bytes each, each padded (`=`) on its
 * own (an empty slice is still one empty line); `lineEnd` replaces the CR LF after each.
 * A server that streams a big slice writes `status`, the base64, then `EOL` itself.
 */
export function base64Slice(payload: Buffer, options: { status?: string; lineBytes?: number; lineEnd?: string } = {}): Buffer {
  const { status = OK, lineBytes = Math.max(payload.length, 1), lineEnd = EOL } = options;
  const lines = Math.max(1, Math.ceil(payload.length / lineBytes));
  const out = Buffer.allocUnsafe(Buffer.byteLength(status, 'latin1') + Math.ceil(payload.length / 3) * 4 + lines * (4 + lineEnd.length));
  let at = out.write(status, 'latin1');
  for (let from = 0, line = 0; line < lines; line++, from += lineBytes) {
    at += out.write(payload.toString('base64', from, Math.min(from + lineBytes, payload.length)), at, 'latin1');
    at += out.write(lineEnd, at, 'latin1');
  }
  return out.subarray(0, at);
}

/**
 * The head of a raw slice (2026 revision); its `size` bytes follow as they are:
 *
 *     0 OK\r\n
 *     Content-Length: 20\r\n
 *     \r\n
 */
export function rawSliceHead(size: number, status = OK): string {
  return `${status}Content-Length: ${size}${EOL}${EOL}`;
}

/** A raw slice, whole: its head, then the bytes. */
export function rawSlice(payload: Buffer, status = OK): Buffer {
  return Buffer.concat([Buffer.from(rawSliceHead(payload.length, status), 'latin1'), payload]);
}

/** Spaces (or tabs) before every CR LF of `text`. */
export function pad(text: string, padding = ' '): string {
  return text.replace(/\r\n/g, `${padding}\r\n`);
}
