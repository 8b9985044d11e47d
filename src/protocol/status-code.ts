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

/** The course skeleton's texts; the protocol lets an implementer choose any non-empty text. */
export const STATUS_TEXT: Readonly<Record<StatusCode, string>> = {
  [StatusCode.OK]: 'OK',
  [StatusCode.BAD_EOL]: 'BAD EOL',
  [StatusCode.BAD_REQUEST]: 'BAD REQUEST',
  [StatusCode.INTERNAL_ERROR]: 'INTERNAL SERVER ERROR',
  [StatusCode.INVALID_COMMAND]: 'NO SUCH COMMAND',
  [StatusCode.INVALID_ARGUMENTS]: 'INVALID ARGUMENTS FOR COMMAND',
  [StatusCode.FILE_NOT_FOUND]: 'FILE NOT FOUND',
  [StatusCode.BAD_OFFSET]: 'OFFSET EXCEEDS FILE SIZE',
};

/** 1xx: the connection ends after this status line. */
export function isFatal(code: number): boolean {
  return code >= 100 && code < 200;
}

/** 2xx: one request refused, the connection goes on. */
export function isRequestError(code: number): boolean {
  return code >= 200 && code < 300;
}

/** `0 OK\r\n`, `201 INVALID ARGUMENTS FOR COMMAND\r\n`, ... */
export function statusLine(code: StatusCode): string {
  return `${code} ${STATUS_TEXT[code]}\r\n`;
}
