import * as serialize from '../../src/protocol/response-serializer';
import { isFatal, StatusCode } from '../../src/protocol/status-code';
import type { Mutant } from './proxy';

/*
 * The mutant zoo: one broken server per must and ext rule, each breaking its rule the way
 * real student servers do. The meta-test (run.ts) checks that the suite fails every one of
 * them, and on the rule it breaks.
 */

const text = (response: Buffer) => response.toString('latin1');
const bytes = (value: string) => Buffer.from(value, 'latin1');
const command = (request: string) => request.split(' ')[0];

const sliceResponse = (payload: Buffer) => serialize.base64Slice(payload);
/** A status line with the skeleton's text, as bytes. */
const status = (code: StatusCode) => bytes(serialize.statusLine(code));

export const MUTANTS: Record<string, Mutant> = {
  // ------------------------------------------------------------ framing
  'answers-at-cr': {
    rule: 'FRAME-1',
    story: 'takes a CR as the end of the request, answering before the LF',
    upstream: (chunk, c) => {
      let out = chunk.toString('latin1');
      if (c.state.dropLf && out.startsWith('\n')) out = out.slice(1);
      c.state.dropLf = out.endsWith('\r');
      if (c.state.dropLf) out += '\n';
      return bytes(out);
    },
  },
  'first-request-only': {
    rule: 'FRAME-2',
    story: 'handles one request per recv(): the rest of the segment is lost',
    upstream: (chunk) => {
      const end = chunk.indexOf('\r\n');
      return end === -1 ? chunk : chunk.subarray(0, end + 2);
    },
  },
  'no-buffering': {
    rule: 'FRAME-3',
    story: 'treats every recv() as a whole request',
    upstream: (chunk) => (chunk.subarray(-2).toString('latin1') === '\r\n' ? chunk : Buffer.concat([chunk, bytes('\r\n')])),
  },
  'lf-as-terminator': {
    rule: 'FRAME-4',
    story: 'splits requests on "\\n" and strips the "\\r": a bare LF ends a request',
    upstream: (chunk) => bytes(chunk.toString('latin1').replace(/(^|[^\r])\n/g, '$1\r\n')),
  },
  'long-line-101': {
    rule: 'FRAME-9',
    story: 'refuses request lines over 1 MiB with 101',
    upstream: (chunk, c) => {
      const seen = ((c.state.lineBytes as number) ?? 0) + chunk.length;
      c.state.lineBytes = chunk.includes(0x0a) ? 0 : seen;
      if (seen > 1024 * 1024 && !c.state.refused) {
        c.state.refused = true;
        c.client.end(serialize.statusLine(StatusCode.BAD_REQUEST));
      }
      return c.state.refused ? Buffer.alloc(0) : chunk;
    },
  },

  // ------------------------------------------------------------ status lines and connection
  'status-without-text': {
    rule: 'STATUS-1',
    story: 'sends the bare code: "0\\r\\n"',
    response: (r) => bytes(text(r.bytes).replace(/^(\d+) [^\r]*\r\n/, '$1\r\n')),
  },
  'no-close-after-1xx': {
    rule: 'STATUS-2',
    story: 'answers 100 or 101 but keeps the connection open',
    keepOpenAfter: (r) => isFatal(r.status.code),
  },
  'close-after-2xx': {
    rule: 'STATUS-3',
    story: 'closes the connection after any error',
    closeAfter: (r) => r.status.code >= 200,
  },
  'extra-ok-after-error': {
    rule: 'STATUS-6',
    story: 'falls through after an argument error and also sends "0 OK"',
    response: (r) => (r.status.code === 201 ? Buffer.concat([r.bytes, status(StatusCode.OK)]) : r.bytes),
  },
  'unknown-command-101': {
    rule: 'CMD-1',
    story: 'answers an unknown command with 101 and closes',
    response: (r) => (r.status.code === 200 ? status(StatusCode.BAD_REQUEST) : r.bytes),
    closeAfter: (r) => r.status.code === 200,
  },

  // ------------------------------------------------------------ listing
  'listing-no-empty-line': {
    rule: 'LIST-1',
    story: 'forgets the empty line that ends the listing',
    response: (r) => (command(r.request) === 'get_file_listing' && r.status.code === 0 ? r.bytes.subarray(0, r.bytes.length - 2) : r.bytes),
  },
  'listing-first-100': {
    rule: 'LIST-2',
    story: 'lists at most 100 files (a fixed-size buffer)',
    response: (r) => {
      if (command(r.request) !== 'get_file_listing' || r.status.code !== 0) return r.bytes;
      return r.names.length <= 100 ? r.bytes : bytes(serialize.listing(r.names.slice(0, 100)));
    },
  },
  'empty-directory-202': {
    rule: 'LIST-3',
    story: 'treats an empty directory as an error',
    response: (r) => (command(r.request) === 'get_file_listing' && r.names.length === 0 ? status(StatusCode.FILE_NOT_FOUND) : r.bytes),
  },
  'listing-ignores-arguments': {
    rule: 'LIST-4',
    story: 'never looks at the arguments of get_file_listing',
    request: (line) => (line.startsWith('get_file_listing ') ? 'get_file_listing' : line),
  },

  // ------------------------------------------------------------ metadata
  'size-plus-one': {
    rule: 'META-1',
    story: 'counts one byte too many',
    response: (r) => (command(r.request) === 'get_metadata' && r.status.code === 0 ? bytes(serialize.metadata((r.size ?? 0) + 1)) : r.bytes),
  },
  'missing-file-201': {
    rule: 'META-2',
    story: 'answers a missing file with 201',
    response: (r) => (command(r.request) === 'get_metadata' && r.status.code === 202 ? status(StatusCode.INVALID_ARGUMENTS) : r.bytes),
  },
  'metadata-extra-arguments': {
    rule: 'META-3',
    story: 'uses the first argument of get_metadata and ignores the rest',
    request: (line) => (line.startsWith('get_metadata ') ? line.split(' ').slice(0, 2).join(' ') : line),
  },

  // ------------------------------------------------------------ slices
  'slice-off-by-one': {
    rule: 'SLICE-1',
    story: 'starts the slice one byte late',
    request: (line) => {
      const [cmd, name, offset, size, ...rest] = line.split(' ');
      if (cmd !== 'get_slice' || !/^\d+$/.test(offset ?? '') || rest.length) return line;
      return `get_slice ${name} ${Number(offset) + 1} ${size}`;
    },
  },
  'slice-203-at-end': {
    rule: 'SLICE-2',
    story: 'checks OFFSET + SIZE >= filesize instead of >',
    request: (line, c) => {
      const [cmd, name, offset, size, ...rest] = line.split(' ');
      if (cmd !== 'get_slice' || !/^\d+$/.test(offset ?? '') || !/^\d+$/.test(size ?? '') || rest.length) return line;
      c.state.trim = true;
      return `get_slice ${name} ${offset} ${Number(size) + 1}`;
    },
    // One byte more was asked for, so the server answers 203 exactly at the end; else drop it.
    response: (r, c) => {
      if (!c.state.trim || command(r.request) !== 'get_slice' || r.status.code !== 0) return r.bytes;
      return sliceResponse(r.payload.subarray(0, r.payload.length - 1));
    },
  },
  'slice-past-end-201': {
    rule: 'SLICE-3',
    story: 'answers a slice past the end with 201',
    response: (r) => (r.status.code === 203 ? status(StatusCode.INVALID_ARGUMENTS) : r.bytes),
  },
  'numbers-by-parseint': {
    rule: 'SLICE-4',
    story: 'reads OFFSET and SIZE with parseInt/atoi: "1.5" is 1, "x" is 0',
    request: (line) => {
      const [cmd, ...args] = line.split(' ');
      if (cmd !== 'get_slice' || args.length !== 3) return line;
      const number = (t: string) => String(Math.max(0, parseInt(t, 10) || 0));
      return `get_slice ${args[0]} ${number(args[1])} ${number(args[2])}`;
    },
  },
  'missing-slice-203': {
    rule: 'SLICE-5',
    story: 'takes a missing file as empty: 203',
    response: (r) => (command(r.request) === 'get_slice' && r.status.code === 202 ? status(StatusCode.BAD_OFFSET) : r.bytes),
  },
  'slice-truncated-16m': {
    rule: 'SLICE-6',
    story: 'reads the file with one read() of at most 16 MiB',
    response: (r) => {
      if (command(r.request) !== 'get_slice' || r.status.code !== 0) return r.bytes;
      return r.payload.length > 16 * 1024 * 1024 ? sliceResponse(r.payload.subarray(0, 16 * 1024 * 1024)) : r.bytes;
    },
  },

  // ------------------------------------------------------------ quit
  'quit-no-close': {
    rule: 'QUIT-1',
    story: 'answers quit but never closes',
    keepOpenAfter: (r) => r.request === 'quit',
  },
  'quit-ignores-arguments': {
    rule: 'QUIT-2',
    story: 'quits whatever follows "quit"',
    request: (line) => (line.startsWith('quit ') ? 'quit' : line),
  },

  // ------------------------------------------------------------ clients
  'one-client-at-a-time': {
    rule: 'CONC-1',
    story: 'serves one client at a time (no threads)',
    oneAtATime: true,
  },
  'shared-slice-buffer': {
    rule: 'CONC-2',
    story: "keeps the slice being sent in a global: concurrent clients get each other's bytes",
    response: (r, c) => {
      if (command(r.request) !== 'get_slice' || r.status.code !== 0) return r.bytes;
      const shared = MUTANT_GLOBALS.lastSlice;
      MUTANT_GLOBALS.lastSlice = { owner: c, response: r.bytes };
      return shared && shared.owner !== c && !shared.owner.client.destroyed && shared.response.length === r.bytes.length ? shared.response : r.bytes;
    },
  },
  'fatal-closes-everyone': {
    rule: 'CONC-3',
    story: 'closes every connection when one gets a fatal error',
    fatal: (_, all) => {
      for (const other of all) other.client.destroy();
    },
  },
  'dies-when-client-drops': {
    rule: 'ROBUST-1',
    story: 'crashes (BrokenPipeError) when a client goes away before reading its answer',
    clientGone: (c) => c.crash(),
  },

  // ------------------------------------------------------------ extensions
  'unreadable-202': {
    rule: 'STATUS-4',
    story: 'reports a file it cannot open as missing',
    capabilities: ['internal-error'],
    response: (r) => (r.status.code === 199 ? status(StatusCode.FILE_NOT_FOUND) : r.bytes),
    keepOpenAfter: (r) => r.status.code === 199,
  },
  'non-ascii-200': {
    rule: 'ASCII-1',
    story: 'decodes the request as Latin-1 and carries on: 200 or 202, never 101',
    capabilities: ['ascii-check'],
    upstream: (chunk) => bytes(chunk.toString('latin1').replace(/[\x80-\xff]/g, 'X')),
  },
  'error-limit-off-by-one': {
    rule: 'LIMIT-1',
    story: 'closes after MAX_ERRORS + 1 errors, one too late',
    capabilities: ['error-limit'],
    server: { maxErrors: 6 },
    suiteMaxErrors: 5,
  },
  'no-help': {
    rule: 'HELP-1',
    story: 'does not know the help command',
    capabilities: ['hftp-2026'],
    request: (line) => (line === 'help' ? 'hlep' : line),
  },
  'raw-as-base64': {
    rule: 'RAW-1',
    story: 'ignores "raw" and sends base64 as always',
    capabilities: ['hftp-2026'],
    request: (line) => (line.endsWith(' raw') ? line.slice(0, -4) : line),
  },
  'any-fifth-token': {
    rule: 'RAW-2',
    story: 'takes any fifth token as raw',
    capabilities: ['hftp-2026'],
    request: (line) => (line.startsWith('get_slice ') && line.split(' ').length === 5 ? line.replace(/ [^ ]+$/, ' raw') : line),
  },
  'empty-line-ignored': {
    rule: 'EMPTY-1',
    story: 'skips empty lines (the pre-2026 habit)',
    capabilities: ['hftp-2026'],
    request: (line) => (line === '' ? null : line),
  },
};

/** State a mutant shares across connections (the bug is that it does). */
const MUTANT_GLOBALS: { lastSlice?: { owner: { client: { destroyed: boolean } }; response: Buffer } } = {};
