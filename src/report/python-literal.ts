import type { Piece } from './repro-steps';

/*
 * Bytes and text written as source code a reproducer runs: Python literals, and a shell
 * printf format. Each escapes every byte that is not printable ASCII, so that what the
 * script sends is exactly what the suite sent.
 */

/** Bytes as a Python bytes literal: b'get_metadata x\r\n'. */
export function pythonBytes(bytes: Uint8Array): string {
  let out = "b'";
  for (const byte of bytes) {
    if (byte === 0x27) out += "\\'";
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x09) out += '\\t';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** Pieces as one Python expression: b'get_metadata ' + b'a' * 5242880 + b'\r\n'. */
export function pythonExpression(pieces: Piece[]): string {
  if (pieces.length === 0) return "b''";
  return pieces.map((piece) => ('bytes' in piece ? pythonBytes(piece.bytes) : `${pythonBytes(piece.unit)} * ${piece.count}`)).join(' + ');
}

/** A Python string literal of any text. */
export function pyString(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** Bytes as a shell printf format (octal escapes, which every printf reads, dash's too). */
export function printfFormat(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else if (byte >= 0x20 && byte < 0x7f && byte !== 0x27) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `'${out}'`;
}
