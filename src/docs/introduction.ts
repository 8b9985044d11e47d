/**
 * The opening of docs/PROTOCOL.md: HFTP in a few paragraphs, its four commands and a short
 * session, for a reader who has not seen the statements. Written by hand: it is prose, not
 * a list of facts that has a home elsewhere (the port comes from src/protocol/wire.ts).
 */
import { DEFAULT_PORT } from '../protocol/wire';
import { code, table } from './markdown';

/**
 * The introduction. A link `(#AREA:name)` stands for the heading of features/<name>.feature's
 * area: renderProtocolDoc resolves it, once every heading has its anchor.
 */
export function introduction(): string[] {
  return [
    'HFTP, the Home-made File Transfer Protocol, is the protocol of lab 2 of "Redes y Sistemas',
    'Distribuidos" (FaMAF, Universidad Nacional de Córdoba). A server shares the files of one',
    `directory over TCP, on port ${DEFAULT_PORT} unless told otherwise. A client connects, asks for the list of`,
    'files, the size of a file or a slice of its bytes, and ends with `quit`.',
    '',
    '- A **request** is one line of ASCII text: a command, then its arguments, separated by one',
    '  space, ended by CR LF (`\\r\\n`).',
    '- The server answers **each request with exactly one response**, in the order the',
    '  requests arrived, and never sends anything unasked. A response starts with a **status',
    '  line**, the code in decimal, a space, a text and CR LF (`0 OK\\r\\n`); a successful answer',
    '  may go on with lines of data, each ended by CR LF. File bytes travel in base64.',
    '- A connection carries any number of requests, until the client sends `quit` or the server',
    '  closes it after a fatal error (a 1xx status).',
    '',
    ...table(
      ['request', 'answer when it succeeds'],
      [
        [code('get_file_listing\\r\\n'), '`0 OK\\r\\n`, one line per file served, then an empty line'],
        [code('get_metadata FILENAME\\r\\n'), '`0 OK\\r\\n`, then the size of the file in bytes, in decimal, on one line'],
        [code('get_slice FILENAME OFFSET SIZE\\r\\n'), '`0 OK\\r\\n`, then SIZE bytes of the file from byte OFFSET (counted from 0), in base64, on one line'],
        [code('quit\\r\\n'), '`0 OK\\r\\n`, then the server closes the connection'],
      ],
    ),
    '',
    'The 2026 revision adds `help` and a raw form of `get_slice` (see [the 2026 revision](#AREA:revision-2026)).',
    'A short session:',
    '',
    '```text',
    'client: get_metadata archivo.txt\\r\\n',
    'server: 0 OK\\r\\n',
    '        41\\r\\n',
    'client: get_slice archivo.txt 5 20\\r\\n',
    'server: 0 OK\\r\\n',
    '        Y2Fsb3IgcXVlIGhhY2UgaG95LCA=\\r\\n',
    'client: verdura\\r\\n',
    'server: 200 NO SUCH COMMAND\\r\\n',
    'client: quit\\r\\n',
    'server: 0 OK\\r\\n',
    '        (closes the connection)',
    '```',
    '',
    'This document is generated from the feature files of the conformance suite: every',
    'exchange below is a test that the suite runs against a server.',
    '',
  ];
}
