/**
 * Seeded random requests for the robustness rule: the same seed gives the same requests on
 * every machine, so a failure can be replayed (HFTP_SEED). No dependency: a 32-bit
 * generator is plenty to shake a server.
 */
export type Random = () => number;

/** mulberry32: small, fast, good enough for test inputs (not for cryptography). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/**
 * A line of random bytes (any value but LF and CR), then CR LF: noise that is still framed.
 * Never blank (empty, or only spaces and tabs): a server may ignore a blank line, and then
 * owes no answer at all.
 */
export function randomBytesLine(random: Random, maxLength = 200): Buffer {
  const length = between(random, 1, maxLength);
  const bytes = Buffer.alloc(length + 2);
  for (let i = 0; i < length; i++) {
    let byte = between(random, 0, 255);
    while (byte === 0x0a || byte === 0x0d || (i === 0 && (byte === 0x20 || byte === 0x09))) byte = between(random, 0, 255);
    bytes[i] = byte;
  }
  bytes[length] = 0x0d;
  bytes[length + 1] = 0x0a;
  return bytes;
}

/** What a valid-looking request is, so its answer can be checked. */
export type FuzzRequest =
  | { kind: 'slice'; name: string; offset: number; size: number }
  | { kind: 'metadata'; name: string }
  | { kind: 'listing' }
  | { kind: 'other' };

/**
 * A request that looks like HFTP: real commands with plausible, odd or wrong arguments.
 * `files` are the fixture names and sizes, so that some requests are valid and their
 * answers can be checked byte for byte.
 */
export function randomRequest(random: Random, files: readonly { name: string; size: number }[]): { line: Buffer; request: FuzzRequest } {
  const file = pick(random, files);
  const oddName = pick(random, ['', '.', '..', '../archivo.txt', '/etc/passwd', 'a'.repeat(300), 'nope.txt', 'ARCHIVO.TXT', 'archivo.txt\0', '%2e%2e']);
  const number = () =>
    pick(random, [String(between(random, 0, file.size)), '-1', 'x', '1e3', '+5', '0x10', '18446744073709551616', '007', '']);
  const choice = between(random, 0, 9);
  let text: string;
  let request: FuzzRequest = { kind: 'other' };
  if (choice <= 2) {
    const offset = between(random, 0, file.size);
    const size = between(random, 0, file.size - offset);
    text = `get_slice ${file.name} ${offset} ${size}`;
    request = { kind: 'slice', name: file.name, offset, size };
  } else if (choice === 3) {
    text = `get_metadata ${file.name}`;
    request = { kind: 'metadata', name: file.name };
  } else if (choice === 4) {
    text = 'get_file_listing';
    request = { kind: 'listing' };
  } else if (choice <= 6) {
    text = `get_slice ${pick(random, [file.name, oddName])} ${number()} ${number()}${random() < 0.2 ? ' extra' : ''}`;
  } else if (choice === 7) {
    text = `get_metadata ${oddName}${random() < 0.3 ? ` ${file.name}` : ''}`;
  } else {
    text = pick(random, ['get_file_listing x', 'GET_METADATA archivo.txt', 'get_metadata', 'get_slice', 'quit now', 'list', 'get_slice archivo.txt 0 1 rawx', 'get  metadata']);
  }
  return { line: Buffer.from(`${text}\r\n`, 'latin1'), request };
}
