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
    let text = response.toString('latin1');
    const code = text.slice(0, text.indexOf(' '));
    text = text.replace(/^(\d+) [^\r]*/, `$1 ${TEXTS[code] ?? 'algo'}`);
    const [command, , , , raw] = request.split(' ');
    if (code === '0' && command === 'get_file_listing') {
      const [status, ...names] = text.split('\r\n').slice(0, -2);
      text = [status, ...names.reverse(), '', ''].join('\r\n'); // another order
    }
    if (code === '0' && command === 'get_slice') {
      const [status, base64] = text.split('\r\n');
      if (raw === 'raw') return Buffer.from(pad(`${status}\r\n`) + text.slice(status.length + 2), 'latin1'); // raw bytes stay as they are
      const payload = Buffer.from(base64, 'base64');
      const lines: string[] = [];
      for (let at = 0; at < payload.length; at += LINE_BYTES) lines.push(payload.subarray(at, at + LINE_BYTES).toString('base64'));
      // Several lines, each padded (base64) on its own, and each ending in spaces and a tab.
      return Buffer.from(`${pad(`${status}\r\n`)}${(lines.length ? lines : ['']).map((line) => `${line}${PAYLOAD_PADDING}\r\n`).join('')}`, 'latin1');
    }
    return Buffer.from(pad(text), 'latin1');
  },
};
