import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './run-cli';

/*
 * The layout the README's "Layout" section draws, kept true: folders under src/ import each
 * other one way only (no cycle), src/ never imports the step definitions or the tests, and
 * no source file grows past the size that one concern fills.
 */

/** Lines a source file (not a test) may have: about 300, with room for a long comment. */
const MAX_SOURCE_LINES = 350;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|cjs)$/.test(entry.name) ? [relative] : [];
  });
}

/** `src/client` for src/client/x.ts; `step-definitions` for anything under it. */
function folderOf(file: string): string {
  const parts = file.split(path.sep);
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : parts[0] === 'src' ? `src/${parts[1].replace(/\.(ts|cjs)$/, '')}` : parts[0];
}

/** The relative imports of a file (import ... from, require), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import|require\()\s*'(\.{1,2}\/[^']+)'/g)].map((match) => path.normalize(path.join(path.dirname(file), match[1])));
}

const files = sourceFiles('src');
const arrows = new Map<string, Set<string>>();
for (const file of files.filter((f) => !f.endsWith('.test.ts'))) {
  for (const target of importsOf(file)) {
    const from = folderOf(file);
    const to = folderOf(target);
    if (from !== to) arrows.set(from, new Set([...(arrows.get(from) ?? []), to]));
  }
}

test('src never imports the step definitions or the tests', () => {
  const backwards = files
    .filter((file) => !file.endsWith('.test.ts'))
    .flatMap((file) =>
      importsOf(file)
        .filter((target) => /^(step-definitions|test|scripts)\b/.test(target))
        .map((target) => `${file} -> ${target}`),
    );
  assert.deepEqual(backwards, []);
});

test('folders under src import each other one way only', () => {
  const cycles: string[] = [];
  for (const start of arrows.keys()) {
    // Depth-first from `start`: a path that comes back to it is a cycle.
    const walk = (folder: string, trail: string[]): void => {
      for (const next of arrows.get(folder) ?? []) {
        if (next === start) cycles.push([...trail, next].join(' -> '));
        else if (!trail.includes(next)) walk(next, [...trail, next]);
      }
    };
    walk(start, [start]);
  }
  assert.deepEqual(cycles, []);
});

test(`no source file over ${MAX_SOURCE_LINES} lines`, () => {
  const long = [...files, ...sourceFiles('step-definitions')]
    .filter((file) => !file.endsWith('.test.ts'))
    .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_SOURCE_LINES)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  assert.deepEqual(long, []);
});
