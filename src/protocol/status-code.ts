/**
 * HFTP status codes.
 *
 * Every response begins with a status line: the code in decimal, one space, a non-empty
 * human text, CR LF.
 *
 *     0 OK\r\n
 *     202 FILE NOT FOUND\r\n
 *
 * 1xx codes are fatal (the server sends the line, then closes the connection); 2xx codes
 * reject one request and keep the connection open.
 */
export enum StatusCode {
  OK = 0,
  BAD_EOL = 100,
  BAD_REQUEST = 101,
  INTERNAL_ERROR = 199,
  INVALID_COMMAND = 200,
  INVALID_ARGUMENTS = 201,
  FILE_NOT_FOUND = 202,
  BAD_OFFSET = 203,
}

/**
 * Each code's text (the course skeleton's: the protocol lets an implementer choose any
 * non-empty text) and what it means. The one table: the server, the serializer and the
 * protocol document (docs/PROTOCOL.md) read it.
 */
export const STATUS: Readonly<Record<StatusCode, { text: string; meaning: string }>> = {
  [StatusCode.OK]: { text: 'OK', meaning: 'success: the answer follows' },
  [StatusCode.BAD_EOL]: { text: 'BAD EOL', meaning: 'a LF found outside a CR LF terminator (a bad end of line)' },
  [StatusCode.BAD_REQUEST]: { text: 'BAD REQUEST', meaning: 'a malformed request the server could not process' },
  [StatusCode.INTERNAL_ERROR]: { text: 'INTERNAL SERVER ERROR', meaning: 'the server failed internally (for example, a file it cannot read)' },
  [StatusCode.INVALID_COMMAND]: { text: 'NO SUCH COMMAND', meaning: 'not a command of the protocol' },
  [StatusCode.INVALID_ARGUMENTS]: { text: 'INVALID ARGUMENTS FOR COMMAND', meaning: 'a known command with the wrong number or form of arguments' },
  [StatusCode.FILE_NOT_FOUND]: { text: 'FILE NOT FOUND', meaning: 'no such file' },
  [StatusCode.BAD_OFFSET]: { text: 'OFFSET EXCEEDS FILE SIZE', meaning: 'the slice falls outside the file (OFFSET + SIZE is larger than the file)' },
};

/** 1xx: the connection ends after this status line. */
export function isFatal(code: number): boolean {
  return code >= 100 && code < 200;
}

/** 2xx: one request refused, the connection goes on. */
export function isRequestError(code: number): boolean {
  return code >= 200 && code < 300;
}
