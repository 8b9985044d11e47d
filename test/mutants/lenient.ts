import * as serialize from '../../src/protocol/response-serializer';
import { LF, VALID_NAME } from '../../src/protocol/wire';
import type { Mutant } from './proxy';

/**
 * A lenient but conforming server: wherever the rules allow several behaviours, it makes
 * the choice the reference server does not. The suite must pass it (profile course-2024)
 * with no failure, and no warning but STATUS-7's: every "allowed" column is honoured, not
 * just the reference's own answer. And as the course's client strips every line it reads,
 * it ends every line with spaces or tabs before the CR LF, which only STATUS-7 (should)
 * may warn about.
 */
const TEXTS: Record<string, string> = {
  '0': 'Todo bien',
  '100': 'fin de linea invalido',
  '101': 'pedido malformado',
  '200': 'comando desconocido',
  '201': 'argumentos invalidos',
  '202': 'no existe',
  '203': 'fuera de rango',
};
const LINE_BYTES = 1000; // not a multiple of 3: every payload line is padded on its own

/** Spaces before every CR LF (and a tab too after payload lines), as the course's client forgives. */
const pad = (text: string) => serialize.pad(text);
const PAYLOAD_PADDING = ' \t ';
/** This server's status line for `code`. */
const statusLine = (code: number) => serialize.statusLine(code, TEXTS[code] ?? 'algo');
export const LENIENT_WARNINGS = ['STATUS-7'];

export const LENIENT: Mutant = {
  rule: 'none',
  story: 'every choice the rules allow and the reference does not make',
  // No error limit, no ASCII check.
  server: { maxErrors: 0, asciiCheck: false },
  request(received) {
    if (received.includes('\r')) return { reply: pad(statusLine(200)) }; // a lone CR: just not a command
    const line = received
      .split(/[ \t]+/)
      .filter(Boolean)
      .join(' '); // extra spaces and tabs tolerated
    if (line === '') return null; // empty lines ignored
    const [command, ...args] = line.split(' ');
    if ((command === 'get_metadata' || command === 'get_slice') && args.length && !VALID_NAME.test(args[0])) {
      return { reply: pad(statusLine(202)) }; // bad names are simply not found
    }
    if (command === 'get_slice') return [command, ...args.map((arg, i) => (i > 0 ? arg.replace(/^\+(\d+)$/, '$1') : arg))].join(' '); // "+5" is 5
    return line;
  },
  response({ bytes, request, status, names, payload }) {
    const head = pad(statusLine(status.code));
    const [command, , , , raw] = request.split(' ');
    if (status.code !== 0) return Buffer.from(head, 'latin1');
    if (command === 'get_file_listing') return Buffer.from(pad(serialize.listing([...names].reverse(), statusLine(0))), 'latin1'); // another order
    if (command === 'get_slice' && raw === 'raw') return serialize.rawSlice(payload, head); // raw bytes stay as they are
    if (command === 'get_slice') {
      // Several lines, each padded (base64) on its own, each ending in spaces and a tab: one
      // copy of the 33 MB, so that the big slice's first byte is not kept waiting by this
      // server's own bookkeeping (this runs in the suite's process).
      return serialize.base64Slice(payload, { status: head, lineBytes: LINE_BYTES, lineEnd: `${PAYLOAD_PADDING}\r\n` });
    }
    // Any other answer (get_metadata, help, quit): this server's status line, then the body as it came.
    return Buffer.from(head + pad(bytes.toString('latin1', bytes.indexOf(LF) + 1)), 'latin1');
  },
};
