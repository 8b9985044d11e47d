import { constants as fsConstants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFixtureSet, writeFixtureSet, type Fixture } from '../fixtures/fixture-set';

/**
 * The directory a target serves, when the suite manages it (the reference server, spawn
 * mode, or attach mode with --data-dir). It holds the fixture set; a scenario that needs
 * other content (an empty directory, exactly "bar foo x", 1000 files) replaces it for the
 * duration of that scenario only.
 *
 * Replacing moves the fixture files aside into a stash next to the directory and moving
 * them back restores them: renames, so the 33 MB fixture is never rewritten, and the served
 * directory itself stays the same inode (a server that did chdir() into it still sees it).
 */
export class ManagedDirectory {
  private stashed = false;
  /**
   * Entries added beside the fixture set (when it was not cleared): removed on restore. A
   * fixture an addition replaces goes to the stash, which then holds exactly those fixtures.
   */
  private readonly added = new Set<string>();

  private constructor(
    readonly path: string,
    private readonly stash: string,
    private readonly removeWhenDone: string | null,
  ) {}

  /** A fresh temporary directory holding the fixture set. */
  static async createTemporary(fixtures: Map<string, Fixture> = loadFixtureSet()): Promise<ManagedDirectory> {
    const base = await fs.mkdtemp(path.join(await scratchRoot(), 'hftp-conformance-'));
    const served = path.join(base, 'served');
    await fs.mkdir(served);
    await writeFixtureSet(served, fixtures);
    return new ManagedDirectory(served, path.join(base, 'stash'), base);
  }

  /**
   * Manage a directory a running target already serves (attach mode with --data-dir): the
   * fixture set is written into it, and it must hold nothing else.
   */
  static async adopt(directory: string, fixtures: Map<string, Fixture> = loadFixtureSet()): Promise<ManagedDirectory> {
    const served = path.resolve(directory);
    await fs.mkdir(served, { recursive: true });
    const others = (await fs.readdir(served)).filter((name) => !fixtures.has(name));
    if (others.length) {
      throw new Error(
        `${served} holds other files than the fixture set (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''}): give the target an empty directory`,
      );
    }
    await writeFixtureSet(served, fixtures);
    return new ManagedDirectory(served, `${served}.hftp-stash`, null);
  }

  /** Empty the served directory for one scenario (its previous content is kept aside). */
  async clear(): Promise<void> {
    // Additions first go away (and the fixtures they replaced come back): else they would be
    // stashed as if they were fixtures, over the fixture of the same name kept there.
    if (!this.stashed && this.added.size) await this.restore();
    if (!this.stashed) {
      await fs.mkdir(this.stash, { recursive: true });
      for (const name of await fs.readdir(this.path)) await fs.rename(path.join(this.path, name), path.join(this.stash, name));
      this.stashed = true;
    } else {
      await this.removeContents();
    }
  }

  async writeFile(name: string, content: Buffer | string = ''): Promise<void> {
    await fs.writeFile(await this.entry(name), content);
  }

  async makeDirectory(name: string): Promise<void> {
    await fs.mkdir(await this.entry(name));
  }

  async makeSymlink(name: string, target: string): Promise<void> {
    await fs.symlink(target, await this.entry(name));
  }

  /** Put the fixture set back after a scenario that changed the directory. */
  async restore(): Promise<void> {
    if (!this.changed) return;
    if (this.stashed) await this.removeContents();
    for (const name of this.added) await fs.rm(path.join(this.path, name), { recursive: true, force: true });
    this.added.clear();
    // The stash holds what was moved aside: the whole fixture set, or the fixtures replaced.
    for (const name of await namesIn(this.stash)) await fs.rename(path.join(this.stash, name), path.join(this.path, name));
    this.stashed = false;
  }

  get changed(): boolean {
    return this.stashed || this.added.size > 0;
  }

  /**
   * The path of a new entry, remembered so that restore() can take it away (and bring back
   * the fixture it replaces, if any).
   */
  private async entry(name: string): Promise<string> {
    const target = path.join(this.path, name);
    if (this.stashed || this.added.has(name)) return target;
    this.added.add(name);
    if (await exists(target)) {
      await fs.mkdir(this.stash, { recursive: true });
      await fs.rename(target, path.join(this.stash, name));
    }
    return target;
  }

  /** Done with it: a temporary directory goes away; an adopted one keeps the fixture set. */
  async remove(): Promise<void> {
    await this.restore();
    await fs.rm(this.stash, { recursive: true, force: true });
    if (this.removeWhenDone) await fs.rm(this.removeWhenDone, { recursive: true, force: true });
  }

  private async removeContents(): Promise<void> {
    const names = await fs.readdir(this.path);
    await Promise.all(names.map((name) => fs.rm(path.join(this.path, name), { recursive: true, force: true })));
  }
}

/** The names in a directory; none if it does not exist (the stash, before anything went there). */
async function namesIn(directory: string): Promise<string[]> {
  return fs.readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Where temporary served directories go: memory (/dev/shm) where the system has it, since
 * scenarios create and delete a thousand files at a time and a disk makes that take a
 * second; the system's temporary directory elsewhere.
 */
export async function scratchRoot(): Promise<string> {
  try {
    await fs.access('/dev/shm', fsConstants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}
