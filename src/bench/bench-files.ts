import { mkdirSync } from 'node:fs';
import { HftpConnection } from '../client/hftp-connection';
import type { Fixture } from '../fixtures/fixture-set';
import type { ManagedDirectory } from '../target/managed-directory';
import { preflight } from '../target/preflight';
import { CannotTest } from '../target/session';
import type { Suite } from '../target/suite';
import type { Target } from '../target/target';
import type { Bench } from './bench-state';
import type { Io } from './io';
import { DEFAULT_SETTINGS, type BenchSettings } from './settings';
import { formatSeconds } from './stats';

/*
 * The bench's own files beside the fixture set: the big file of (a) and the sparse file of
 * the slow reader (e). A target the bench started gets them in its managed directory; a
 * target it attached to must serve them already (--write-files writes them).
 */

/** --write-files DIR: only write the bench's files, for a server the user starts. */
export async function writeBenchFiles(directory: string, settings: BenchSettings, big: Fixture, slow: Fixture, io: Io): Promise<void> {
  mkdirSync(directory, { recursive: true });
  await big.writeTo(directory);
  await slow.writeTo(directory);
  io.stdout.write(
    `Wrote ${big.name} (${settings.bigMib} MiB) and ${slow.name} (${settings.slowMib} MiB, sparse) to ${directory}: serve them beside the fixture set.\n`,
  );
}

/** Which of the bench's files the target serves at the size the bench expects. */
export interface Served {
  big: boolean;
  slow: boolean;
}

/**
 * Check the target (the conformance preflight; a blocker ends the bench with exit 2) and
 * have it serve the bench's files: written into its directory, or looked for. A file it
 * does not serve skips its measure, with a note that says how to serve it.
 */
export async function serveBenchFiles(suite: Suite, bench: Bench, big: Fixture, slow: Fixture, io: Io): Promise<Served> {
  const { target } = suite;
  const { settings, notes, progress } = bench;
  const served = { big: true, slow: settings.slowMs > 0 };
  if (target.directory) {
    await check(target, [...suite.fixtures.values()], io);
    const started = performance.now();
    await addFile(target.directory, big);
    if (served.slow) await addFile(target.directory, slow);
    progress(
      `wrote ${big.name} (${settings.bigMib} MiB)${served.slow ? ` and ${slow.name} (${settings.slowMib} MiB, sparse)` : ''} into ${target.directory.path} in ${formatSeconds(performance.now() - started)}`,
    );
    return served;
  }
  // Attach mode without --data-dir: use the bench's files only if the target serves them.
  const sizes = await probeSizes(target, [big.name, slow.name]);
  const present = [big, slow].filter((file) => sizes.has(file.name));
  await check(target, [...suite.fixtures.values(), ...present], io);
  const sizeOptions = [
    settings.bigMib !== DEFAULT_SETTINGS.bigMib ? ` --big-mib ${settings.bigMib}` : '',
    settings.slowMib !== DEFAULT_SETTINGS.slowMib ? ` --slow-mib ${settings.slowMib}` : '',
  ].join('');
  const howTo = `write it with \`hftp-conformance bench --write-files DIR${sizeOptions}\` and serve DIR`;
  // The preflight leaves wrong sizes to the rules (a warning); the bench needs the sizes it expects.
  const usable = (file: Fixture) => sizes.get(file.name) === file.size;
  if (!usable(big)) {
    served.big = false;
    notes.push(`(a) skipped: the target does not serve ${big.name} (${settings.bigMib} MiB)${sizes.has(big.name) ? ' of that size' : ''}; ${howTo}`);
  }
  if (served.slow && !usable(slow)) {
    served.slow = false;
    notes.push(`(e) skipped: the target does not serve ${slow.name}${sizes.has(slow.name) ? ' of that size' : ''}; ${howTo}`);
  }
  return served;
}

/** The preflight of the conformance run: the target is there and serves these files. */
async function check(target: Target, files: Fixture[], io: Io): Promise<void> {
  const result = await preflight(target, files);
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (result.blocker) throw new CannotTest(result.blocker);
}

/** Add a generated file to the managed directory (it goes away with the directory's restore). */
async function addFile(directory: ManagedDirectory, file: Fixture): Promise<void> {
  await directory.writeFile(file.name, ''); // registers the name; the content is streamed next
  await file.writeTo(directory.path);
}

/**
 * Sizes of the files the target serves among `names` (none if it cannot tell: the preflight
 * will say why), one get_metadata each on one connection:
 *
 *     get_metadata bench256M.bin\r\n
 *     0 OK\r\n
 *     268435456\r\n
 */
async function probeSizes(target: Target, names: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let connection: HftpConnection | null = null;
  try {
    connection = await HftpConnection.connect({ host: target.host, port: target.port, timeoutMs: 1000, label: 'probe' });
    for (const name of names) {
      await connection.sendRequest('get_metadata', name);
      if ((await connection.readStatus()).code === 0) sizes.set(name, await connection.readSize());
    }
  } catch {
    // the preflight reports an absent or broken target
  } finally {
    connection?.close();
  }
  return sizes;
}
