import type { Writable } from 'node:stream';

/** Where the bench writes: the table and notes to stdout, progress and warnings to stderr (the CLI's standard streams). */
export interface Io {
  stdout: Writable;
  stderr: Writable;
}
