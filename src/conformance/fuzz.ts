import fc from 'fast-check';

/**
 * Random requests for the robustness rule (ROBUST-4), as fast-check arbitraries: the same
 * seed gives the same requests on every machine (replay with --seed or HFTP_SEED), and a
 * failing sequence shrinks to a minimal one (fewer clients, fewer requests, shorter and
 * simpler lines) that still makes the server misbehave.
 */

/** What a valid-looking request is, so its answer can be checked. */
export type FuzzRequest =
  | { kind: 'slice'; name: string; offset: number; size: number }
  | { kind: 'metadata'; name: string }
  | { kind: 'listing' }
  | { kind: 'other' };

/** One request of a fuzzed sequence: the bytes sent (a whole line, CR LF included), and what they ask. */
export interface FuzzLine {
  line: Buffer;
  request: FuzzRequest;
}

/** A fuzzed sequence: one entry per client, in order, each the requests it sends on its own connection. */
export type FuzzSequence = FuzzLine[][];

const other: FuzzRequest = { kind: 'other' };

/**
 * A line of random bytes (any value but LF and CR), then CR LF: noise that is still framed.
 * Never blank (empty, or only spaces and tabs): a server may ignore a blank line, and then
 * owes no answer at all. Shrinks towards short lines of small byte values.
 */
export function byteLine(maxLength = 200): fc.Arbitrary<FuzzLine> {
  const first = fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09);
  const rest = fc.array(
    fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0x0a && b !== 0x0d),
    { maxLength: maxLength - 1 },
  );
  return fc.tuple(first, rest).map(([head, tail]) => ({ line: Buffer.from([head, ...tail, 0x0d, 0x0a]), request: other }));
}

/**
 * A request that looks like HFTP: real commands with plausible, odd or wrong arguments.
 * `files` are the fixture names and sizes, so that some requests are valid and their
 * answers can be checked byte for byte.
 */
export function hftpLine(files: readonly { name: string; size: number }[]): fc.Arbitrary<FuzzLine> {
  const file = fc.constantFrom(...files);
  const text = (value: string, request: FuzzRequest = other): FuzzLine => ({ line: Buffer.from(`${value}\r\n`, 'latin1'), request });
  const oddName = fc.constantFrom('nope.txt', '', '.', '..', '../archivo.txt', '/etc/passwd', 'a'.repeat(300), 'ARCHIVO.TXT', 'archivo.txt\0', '%2e%2e');
  const oddNumber = fc.oneof(fc.nat({ max: 1000 }).map(String), fc.constantFrom('-1', 'x', '1e3', '+5', '0x10', '18446744073709551616', '007', ''));
  const valid = file.chain((f) =>
    fc
      .nat({ max: f.size })
      .chain((offset) =>
        fc.nat({ max: f.size - offset }).map((size) => text(`get_slice ${f.name} ${offset} ${size}`, { kind: 'slice', name: f.name, offset, size })),
      ),
  );
  return fc.oneof(
    { arbitrary: fc.constant(text('get_file_listing', { kind: 'listing' })), weight: 1 },
    { arbitrary: file.map((f) => text(`get_metadata ${f.name}`, { kind: 'metadata', name: f.name })), weight: 1 },
    { arbitrary: valid, weight: 3 },
    {
      arbitrary: fc
        .tuple(
          fc.oneof(
            file.map((f) => f.name),
            oddName,
          ),
          oddNumber,
          oddNumber,
          fc.boolean(),
        )
        .map(([name, offset, size, extra]) => text(`get_slice ${name} ${offset} ${size}${extra ? ' extra' : ''}`)),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(oddName, fc.option(file.map((f) => f.name))).map(([name, second]) => text(`get_metadata ${name}${second ? ` ${second}` : ''}`)),
      weight: 1,
    },
    {
      arbitrary: fc
        .constantFrom(
          'get_file_listing x',
          'GET_METADATA archivo.txt',
          'get_metadata',
          'get_slice',
          'quit now',
          'list',
          'get_slice archivo.txt 0 1 rawx',
          'get  metadata',
        )
        .map((t) => text(t)),
      weight: 2,
    },
  );
}

/** Up to `clients` clients, each sending 1 to `perClient` lines on its own connection. */
export function fuzzSequence(line: fc.Arbitrary<FuzzLine>, clients: number, perClient: number): fc.Arbitrary<FuzzSequence> {
  return fc.array(fc.array(line, { minLength: 1, maxLength: perClient, size: 'max' }), { minLength: 1, maxLength: clients, size: 'max' });
}

/** Requests in a sequence, all clients together. */
export const requestCount = (sequence: FuzzSequence): number => sequence.reduce((sum, client) => sum + client.length, 0);
