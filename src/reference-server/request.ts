import { StatusCode } from '../protocol/status-code';
import { COMMANDS, COMMANDS_2026, RAW_TOKEN, VALID_NAME, type CommandName } from '../protocol/wire';
import type { Frame } from './line-framer';

/**
 * From a framed line to a request, or to the status that refuses it. Pure: no I/O, so every
 * choice below is unit-tested in request.test.ts.
 *
 *     get_file_listing
 *     get_metadata NAME
 *     get_slice NAME OFFSET SIZE         OFFSET, SIZE: decimal digits only
 *     get_slice NAME OFFSET SIZE raw     (2026 revision)
 *     quit
 *     help                               (2026 revision)
 *
 * Checks run in this order, so that a request with several faults always gets the same
 * answer: not ASCII (101), empty line (101), command (200), spacing and argument count (201),
 * name characters and numbers (201). Whether the file exists (202) and whether the slice fits
 * (203) are the command's business, after parsing.
 */
export type SliceRequest = { command: 'get_slice'; name: string; offset: bigint; size: bigint; raw: boolean };
export type Request = { command: 'get_file_listing' } | { command: 'get_metadata'; name: string } | SliceRequest | { command: 'quit' } | { command: 'help' };

export type ParseResult = { ok: true; request: Request } | { ok: false; status: StatusCode };

export interface ParserOptions {
  /** Extension `ascii-check`: a byte above 0x7f anywhere in the request gets 101. */
  asciiCheck: boolean;
  /** Extension `hftp-2026`: `help` and `get_slice ... raw`. */
  hftp2026: boolean;
}

const refuse = (status: StatusCode): ParseResult => ({ ok: false, status });
const accept = (request: Request): ParseResult => ({ ok: true, request });

export function parseRequest(frame: Extract<Frame, { kind: 'line' }>, options: ParserOptions): ParseResult {
  if (frame.nonAscii && options.asciiCheck) return refuse(StatusCode.BAD_REQUEST);
  if (frame.length === 0) return refuse(StatusCode.BAD_REQUEST);

  const tokens = frame.bytes.toString('latin1').split(' ');
  const command = tokens[0];
  const known: readonly string[] = options.hftp2026 ? COMMANDS_2026 : COMMANDS;
  if (!known.includes(command)) return refuse(StatusCode.INVALID_COMMAND);

  if (frame.bytes.length < frame.length) return parseOverlong(command as CommandName, tokens);
  if (tokens.some((token) => token === '')) return refuse(StatusCode.INVALID_ARGUMENTS);
  return parseArguments(command as CommandName, tokens.slice(1), options);
}

function parseArguments(command: CommandName, args: string[], options: ParserOptions): ParseResult {
  switch (command) {
    case 'get_file_listing':
    case 'quit':
    case 'help':
      return args.length === 0 ? accept({ command }) : refuse(StatusCode.INVALID_ARGUMENTS);
    case 'get_metadata':
      if (args.length !== 1 || !isName(args[0])) return refuse(StatusCode.INVALID_ARGUMENTS);
      return accept({ command, name: args[0] });
    case 'get_slice': {
      const raw = options.hftp2026 && args.length === 4 && args[3] === RAW_TOKEN;
      if (args.length !== (raw ? 4 : 3)) return refuse(StatusCode.INVALID_ARGUMENTS);
      const [name, offset, size] = args;
      if (!isName(name) || !isNumber(offset) || !isNumber(size)) return refuse(StatusCode.INVALID_ARGUMENTS);
      return accept({ command, name, offset: BigInt(offset), size: BigInt(size), raw });
    }
  }
}

/**
 * The line was longer than the framer keeps, so its tail is gone. No valid request is that
 * long; a file name that long cannot exist (the course sends `get_metadata` with a 5 MiB
 * name and expects 202). Anything else that long is the "malicious huge command" the
 * statement names for 101.
 */
function parseOverlong(command: CommandName, tokens: string[]): ParseResult {
  const nameIsTheLongPart = tokens.length === 2 && (command === 'get_metadata' || command === 'get_slice');
  return nameIsTheLongPart ? refuse(StatusCode.FILE_NOT_FOUND) : refuse(StatusCode.BAD_REQUEST);
}

/**
 * Valid characters only. `.` and `..` pass here and are then not found (202): they are not
 * regular files. So is a name longer than any file system allows.
 */
function isName(token: string): boolean {
  return VALID_NAME.test(token);
}

/** Decimal digits only: no sign, no spaces; leading zeros and any magnitude are fine. */
function isNumber(token: string): boolean {
  return /^[0-9]+$/.test(token);
}
