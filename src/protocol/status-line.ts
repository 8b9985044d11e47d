/**
 * A status line as the protocol defines it: decimal digits, one space, a non-empty text.
 *
 *     0 OK            ->  { code: 0, text: "OK" }
 *     201 INVALID...  ->  { code: 201, text: "INVALID..." }
 *     0OK, "0 ", OK   ->  not a status line
 *
 * The text is the implementer's: any bytes but control characters, not only spaces.
 */
export interface StatusLine {
  code: number;
  text: string;
}

const STATUS_LINE = /^([0-9]+) ([^\x00-\x1f\x7f]*[^\x00-\x20\x7f][^\x00-\x1f\x7f]*)$/;

/** Parse a line received without its CR LF; null if it is not a well-formed status line. */
export function parseStatusLine(line: Buffer): StatusLine | null {
  const match = STATUS_LINE.exec(line.toString('latin1'));
  if (!match) return null;
  return { code: Number(match[1]), text: match[2] };
}
