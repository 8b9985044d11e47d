import { constants as fsConstants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { NAME_MAX, VALID_NAME } from '../protocol/wire';

/**
 * The one directory the server serves, and the only place that touches the file system.
 *
 * What is served: regular files directly inside the directory whose names use only
 * `A-Z a-z 0-9 . - _`. Not served: subdirectories, symlinks (wherever they point), FIFOs,
 * devices, names with any other character. A name reaches this class already checked against
 * VALID_NAME, so it holds no `/` and cannot climb out; `.` and `..` are directories and
 * symlinks are refused by O_NOFOLLOW, so nothing outside the directory is ever opened.
 */
export class ServedDirectory {
  constructor(
    readonly root: string,
    /** Tests only: names with this prefix open as if unreadable (see ServerOptions). */
    private readonly unreadablePrefix?: string,
  ) {}

  /** Names of the served files, sorted (the protocol leaves the order free). */
  async listNames(): Promise<string[]> {
    const entries = await fs.readdir(this.root, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && VALID_NAME.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  /** Size in bytes of a served file, or null if there is no such served file. */
  async sizeOf(name: string): Promise<number | null> {
    if (name.length > NAME_MAX) return null;
    try {
      const stats = await fs.lstat(this.pathOf(name));
      return stats.isFile() ? stats.size : null;
    } catch (error) {
      if (isNoSuchFile(error)) return null;
      throw error;
    }
  }

  /**
   * Open a served file for reading, or null if there is no such served file. O_NONBLOCK so
   * that a FIFO in the directory cannot block the open; a regular file ignores it.
   * Other failures (EACCES on an unreadable file, EMFILE) are thrown: they are the server's
   * trouble, answered 199.
   */
  async open(name: string): Promise<{ handle: FileHandle; size: number } | null> {
    if (name.length > NAME_MAX) return null;
    if (this.unreadablePrefix && name.startsWith(this.unreadablePrefix) && (await this.sizeOf(name)) !== null) {
      throw Object.assign(new Error(`EACCES: permission denied (injected for tests), open '${name}'`), { code: 'EACCES' });
    }
    let handle: FileHandle;
    try {
      handle = await fs.open(this.pathOf(name), fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
    } catch (error) {
      if (isNoSuchFile(error)) return null;
      throw error;
    }
    const stats = await handle.stat().catch(async (error) => {
      await handle.close();
      throw error;
    });
    if (!stats.isFile()) {
      await handle.close();
      return null;
    }
    return { handle, size: stats.size };
  }

  private pathOf(name: string): string {
    return path.join(this.root, name);
  }
}

/** Errors that mean "there is no served file by that name". */
function isNoSuchFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG';
}
