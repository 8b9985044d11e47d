import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PROFILES } from '../conformance/profiles';

/**
 * The servers of a class. A manifest is a TSV file staff write by hand: a header line naming
 * the columns, then one server per line, columns separated by tabs; `#` starts a comment
 * line, blank lines are ignored.
 *
 *     name      folder              command                                   profile      with
 *     grupo01   submissions/grupo01 python3 server.py -p {port} -d {dir}      course-2024
 *     grupo02   submissions/grupo02                                            course-2021  error-limit,ascii-check
 *
 * Only `name` is required. An empty cell takes the default: folder = the name, beside the
 * manifest; command = --command; profile = --profile; with = none. `max-errors` is a
 * further optional column. MANIFEST may also be a directory of submissions: each
 * subdirectory is one server, named after it, with the default command and profile.
 */
export interface ServerEntry {
  name: string;
  /** Absolute path: where the command runs, and (with --sandbox) the one folder it may write. */
  folder: string;
  command: string;
  profile: string;
  with: string[];
  maxErrors?: number;
}

export interface ManifestDefaults {
  command: string;
  profile: string;
}

export const COLUMNS = ['name', 'folder', 'command', 'profile', 'with', 'max-errors'] as const;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class ManifestError extends Error {}

export function loadManifest(location: string, defaults: ManifestDefaults): ServerEntry[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(location);
  } catch {
    throw new ManifestError(`no manifest at ${location}`);
  }
  const entries = stat.isDirectory()
    ? fromDirectory(location, defaults)
    : parseManifest(readFileSync(location, 'utf8'), path.dirname(path.resolve(location)), defaults, location);
  if (entries.length === 0) throw new ManifestError(`${location} lists no server`);
  return entries;
}

function fromDirectory(dir: string, defaults: ManifestDefaults): ServerEntry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
    .map((name) => check({ name, folder: path.resolve(dir, name), command: defaults.command, profile: defaults.profile, with: [] }, `${dir}/${name}`));
}

export function parseManifest(text: string, base: string, defaults: ManifestDefaults, file = 'manifest'): ServerEntry[] {
  const lines = text
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() && !line.trimStart().startsWith('#'));
  if (lines.length === 0) return [];
  const header = lines[0].line.split('\t').map((c) => c.trim().toLowerCase());
  if (header[0] !== 'name') {
    throw new ManifestError(
      `${file}:${lines[0].number}: the first line must name the columns, separated by tabs, starting with "name" (known: ${COLUMNS.join(', ')})`,
    );
  }
  const unknown = header.filter((c) => !(COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new ManifestError(`${file}:${lines[0].number}: unknown column "${unknown[0]}" (known: ${COLUMNS.join(', ')}; columns are separated by tabs)`);
  const seen = new Set<string>();
  return lines.slice(1).map(({ line, number }) => {
    const cells = line.split('\t').map((c) => c.trim());
    const where = `${file}:${number}`;
    if (cells.length > header.length) throw new ManifestError(`${where}: ${cells.length} cells for ${header.length} columns (columns are separated by tabs)`);
    const cell = (column: string) => cells[header.indexOf(column)] || '';
    const name = cell('name');
    if (seen.has(name)) throw new ManifestError(`${where}: "${name}" is listed twice`);
    seen.add(name);
    const maxErrors = cell('max-errors');
    if (maxErrors && !/^[1-9][0-9]*$/.test(maxErrors)) throw new ManifestError(`${where}: max-errors "${maxErrors}" is not a positive integer`);
    return check(
      {
        name,
        folder: path.resolve(base, cell('folder') || name),
        command: cell('command') || defaults.command,
        profile: cell('profile') || defaults.profile,
        with: cell('with')
          .split(/[,\s]+/)
          .filter(Boolean),
        ...(maxErrors ? { maxErrors: Number(maxErrors) } : {}),
      },
      where,
    );
  });
}

function check(entry: ServerEntry, where: string): ServerEntry {
  if (!NAME.test(entry.name)) throw new ManifestError(`${where}: the name "${entry.name}" must use A-Z a-z 0-9 . - _ (it names the report files)`);
  if (!PROFILES[entry.profile]) throw new ManifestError(`${where}: unknown profile "${entry.profile}" (known: ${Object.keys(PROFILES).join(', ')})`);
  if (!entry.command.includes('{port}')) throw new ManifestError(`${where}: the command "${entry.command}" has no {port}: the suite picks the port`);
  return entry;
}
