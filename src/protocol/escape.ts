/**
 * Bytes as readable text, with every control and non-ASCII byte escaped, so that a
 * transcript shows exactly what crossed the wire:
 *
 *     Buffer "0 OK\r\n41\r\n"   ->   0 OK\r\n41\r\n
 *     Buffer [0x00, 0xff]       ->   \0\xff
 */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += ESCAPES[byte];
  return out;
}

const NAMED: Record<number, string> = { 0x00: '\\0', 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
const ESCAPES: string[] = Array.from({ length: 256 }, (_, byte) => {
  if (byte in NAMED) return NAMED[byte];
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, '0')}`;
});

/**
 * The inverse, for the byte strings written in feature files: `\r \n \t \0 \\ \" \xHH`.
 * Any other backslash sequence is an error in the feature, not something to guess at.
 */
export function unescapeBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== '\\') {
      const code = text.charCodeAt(i);
      if (code > 0xff) throw new Error(`character ${JSON.stringify(char)} is not a byte: write it as \\xHH escapes`);
      bytes.push(code);
      continue;
    }
    const next = text[++i];
    const simple: Record<string, number> = { r: 0x0d, n: 0x0a, t: 0x09, '0': 0x00, '\\': 0x5c, '"': 0x22 };
    if (next in simple) {
      bytes.push(simple[next]);
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      throw new Error(`unknown escape \\${next ?? ''} in ${JSON.stringify(text)}`);
    }
  }
  return Buffer.from(bytes);
}
