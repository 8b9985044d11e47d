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
const VALID_NAME = /^[A-Za-z0-9._-]+$/;
const LINE_BYTES = 1000; // not a multiple of 3: every payload line is padded on its own

/** Spaces before every CR LF (and a tab too after payload lines), as the course's client forgives. */
const pad = (text: string) => text.replace(/\r\n/g, ' \r\n');
const PAYLOAD_PADDING = ' \t ';
export const LENIENT_WARNINGS = ['STATUS-7'];

export const LENIENT: Mutant = {
  rule: 'none',
  story: 'every choice the rules allow and the reference does not make',
  // No error limit, no ASCII check.
  server: { maxErrors: 0, asciiCheck: false },
  request(received) {
    if (received.includes('\r')) return { reply: pad(`200 ${TEXTS['200']}\r\n`) }; // a lone CR: just not a command
    const line = received.split(/[ \t]+/).filter(Boolean).join(' '); // extra spaces and tabs tolerated
    if (line === '') return null; // empty lines ignored
    const [command, ...args] = line.split(' ');
    if ((command === 'get_metadata' || command === 'get_slice') && args.length && !VALID_NAME.test(args[0])) {
      return { reply: pad(`202 ${TEXTS['202']}\r\n`) }; // bad names are simply not found
    }
    if (command === 'get_slice') return [command, ...args.map((arg, i) => (i > 0 ? arg.replace(/^\+(\d+)$/, '$1') : arg))].join(' '); // "+5" is 5
    return line;
  },
  response(response, request) {
    const statusEnd = response.indexOf('\r\n');
    const code = response.toString('latin1', 0, response.indexOf(' '));
    const status = response.toString('latin1', 0, statusEnd).replace(/^(\d+) .*/, `$1 ${TEXTS[code] ?? 'algo'}`);
    const body = response.subarray(statusEnd + 2);
    const [command, , , , raw] = request.split(' ');
    if (code === '0' && command === 'get_file_listing') {
      const names = body.toString('latin1').split('\r\n').slice(0, -2);
      return Buffer.from(pad([status, ...names.reverse(), '', ''].join('\r\n')), 'latin1'); // another order
    }
    if (code === '0' && command === 'get_slice' && raw === 'raw') {
      return Buffer.concat([Buffer.from(pad(`${status}\r\n`), 'latin1'), body]); // raw bytes stay as they are
    }
    if (code === '0' && command === 'get_slice') {
      // Several lines, each padded (base64) on its own, each ending in spaces and a tab. Done
      // on buffers, one copy of the 33 MB, so that the big slice's first byte is not kept
      // waiting by this server's own bookkeeping (this runs in the suite's process).
      const payload = Buffer.from(body.toString('latin1', 0, body.indexOf('\r\n')), 'base64');
      const head = pad(`${status}\r\n`);
      const lineEnd = `${PAYLOAD_PADDING}\r\n`;
      const out = Buffer.allocUnsafe(head.length + Math.ceil(payload.length / LINE_BYTES + 1) * (Math.ceil(LINE_BYTES / 3) * 4 + lineEnd.length));
      let at = out.write(head, 'latin1');
      for (let from = 0; from < payload.length; from += LINE_BYTES) {
        at += out.write(payload.toString('base64', from, Math.min(from + LINE_BYTES, payload.length)), at, 'latin1');
        at += out.write(lineEnd, at, 'latin1');
      }
      if (!payload.length) at += out.write(lineEnd, at, 'latin1'); // an empty slice: one (padded) empty line
      return out.subarray(0, at);
    }
    return Buffer.from(pad(`${status}\r\n${body.toString('latin1')}`), 'latin1');
  },
};
