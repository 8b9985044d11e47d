/**
 * Wire-level constants shared by the reference server and the client.
 *
 * A request is ASCII text, elements separated by one space, ended by CR LF:
 *
 *     get_slice archivo.txt 5 20\r\n
 */
export const CR = 0x0d;
export const LF = 0x0a;
export const EOL = '\r\n';

/** The course's port. */
export const DEFAULT_PORT = 19500;

/** The commands of every statement since 2021, and `help` from the 2026 revision. */
export const COMMANDS = ['get_file_listing', 'get_metadata', 'get_slice', 'quit'] as const;
export const COMMANDS_2026 = [...COMMANDS, 'help'] as const;
export type CommandName = (typeof COMMANDS_2026)[number];

/**
 * The characters a served file name may use. Anything else (a slash, a space, a NUL, a byte
 * above 0x7f) can only be an attempt to leave the served directory or a malformed request.
 */
export const VALID_NAME = /^[A-Za-z0-9._-]+$/;

/** No file system stores a longer name (NAME_MAX), so a longer one can never exist. */
export const NAME_MAX = 255;

/** `raw`, the fifth token of the 2026 revision's `get_slice F O S raw`. */
export const RAW_TOKEN = 'raw';
