import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadFixtureSet } from '../fixtures/fixture-set';
import { ManagedDirectory, scratchRoot } from './managed-directory';

/*
 * The served directory the suite manages. Making one writes the 33 MB fixture, so there are
 * two: one temporary directory for the tests that change and restore it, one adopted.
 */
const FIXTURES = loadFixtureSet();
const FIXTURE_NAMES = [...FIXTURES.keys()].sort();
const list = (dir: string) => readdirSync(dir).sort();

/** The directory holds exactly the fixture set, each file of its size (and small ones byte for byte). */
function assertFixtureSet(dir: string): void {
  assert.deepEqual(list(dir), FIXTURE_NAMES);
  for (const fixture of FIXTURES.values()) {
    const file = path.join(dir, fixture.name);
    assert.equal(statSync(file).size, fixture.size, fixture.name);
    if (fixture.size < 1_000_000) assert.ok(readFileSync(file).equals(fixture.bytes()), fixture.name);
  }
}

describe('ManagedDirectory.createTemporary', () => {
  let directory: ManagedDirectory;
  before(async () => {
    directory = await ManagedDirectory.createTemporary();
  });
  after(async () => {
    await directory.remove();
  });

  test('holds the fixture set, unchanged, in memory where the system allows', async () => {
    assertFixtureSet(directory.path);
    assert.ok(directory.path.startsWith(await scratchRoot()));
    assert.equal(directory.changed, false);
  });

  test('clear() empties it; files written then; restore() puts the fixtures back and the files away', async () => {
    const inode = statSync(directory.path).ino;
    await directory.clear();
    assert.deepEqual(list(directory.path), []);
    assert.equal(directory.changed, true);
    await directory.writeFile('bar');
    await directory.writeFile('foo', 'hello');
    assert.deepEqual(list(directory.path), ['bar', 'foo']);
    assert.equal(readFileSync(path.join(directory.path, 'foo'), 'utf8'), 'hello');
    await directory.restore();
    assertFixtureSet(directory.path);
    assert.equal(directory.changed, false);
    assert.equal(statSync(directory.path).ino, inode, 'the served directory is the same one');
  });

  test('clear() twice empties what the first one left; one restore() is enough', async () => {
    await directory.clear();
    await directory.writeFile('one');
    await directory.makeDirectory('sub');
    await directory.clear();
    assert.deepEqual(list(directory.path), []);
    await directory.writeFile('two', Buffer.from([0, 1, 2]));
    await directory.restore();
    assertFixtureSet(directory.path);
    assert.equal(directory.changed, false);
  });

  test('a fixture overwritten after clear() is back as it was after restore()', async () => {
    await directory.clear();
    await directory.writeFile('archivo.txt', 'not the fixture');
    await directory.restore();
    assertFixtureSet(directory.path);
  });

  test('additions beside the fixture set (file, directory, symlink) are removed by restore()', async () => {
    await directory.writeFile('extra.txt', 'extra');
    assert.equal(directory.changed, true);
    await directory.makeDirectory('subdir');
    await directory.writeFile(path.join('subdir', 'inner.txt'), 'inner');
    await directory.makeSymlink('link', 'archivo.txt');
    await directory.makeSymlink('dangling', 'no-such-file');
    assert.deepEqual(list(directory.path), [...FIXTURE_NAMES, 'dangling', 'extra.txt', 'link', 'subdir'].sort());
    await directory.restore();
    assertFixtureSet(directory.path);
    assert.equal(directory.changed, false);
  });

  test('restore() with nothing changed changes nothing', async () => {
    await directory.restore();
    await directory.restore();
    assertFixtureSet(directory.path);
    assert.equal(directory.changed, false);
  });

  test('a fixture overwritten without clear() is back as it was after restore()', async () => {
    try {
      await directory.writeFile('archivo.txt', 'changed');
      await directory.restore();
      assertFixtureSet(directory.path);
    } finally {
      // Put the fixture back by hand, for the tests that follow.
      await FIXTURES.get('archivo.txt')!.writeTo(directory.path);
    }
  });

  test('a fixture overwritten and a file added, then clear(), then restore(): the fixture set as it was', async () => {
    try {
      await directory.writeFile('archivo.txt', 'changed');
      await directory.writeFile('extra.txt', 'extra');
      await directory.clear();
      assert.deepEqual(list(directory.path), []);
      await directory.writeFile('only');
      await directory.restore();
      assertFixtureSet(directory.path);
      assert.equal(directory.changed, false);
    } finally {
      await FIXTURES.get('archivo.txt')!.writeTo(directory.path);
    }
  });

  test('a file added beside the fixtures (none replaced) is removed by restore()', async () => {
    await directory.writeFile('new.txt', 'new');
    await directory.restore();
    assertFixtureSet(directory.path);
  });

  // Last: the directory goes away (the after hook's remove() then has nothing left to do).
  test('remove(): a temporary directory goes away entirely, even while cleared', async () => {
    const base = path.dirname(directory.path);
    await directory.clear();
    await directory.writeFile('x');
    await directory.remove();
    assert.equal(existsSync(base), false);
  });
});

describe('ManagedDirectory.adopt', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-managed-test-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  // adopt() writes the whole fixture set (33 MB): once is enough.
  test('an empty directory gets the fixture set; remove() keeps it, and takes the stash away', async () => {
    const served = path.join(scratch, 'empty');
    mkdirSync(served);
    const directory = await ManagedDirectory.adopt(served);
    assert.equal(directory.path, served);
    assertFixtureSet(served);
    // An addition before anything was stashed (no stash directory yet): restore() removes it.
    await directory.writeFile('added');
    await directory.restore();
    assert.deepEqual(list(served), FIXTURE_NAMES);
    await directory.clear();
    await directory.writeFile('only');
    assert.deepEqual(list(served), ['only']);
    assert.ok(existsSync(`${served}.hftp-stash`));
    await directory.remove();
    assertFixtureSet(served);
    assert.equal(existsSync(`${served}.hftp-stash`), false);
  });

  test('a directory with other files throws, naming them, and is left alone', async () => {
    const served = path.join(scratch, 'busy');
    mkdirSync(served);
    writeFileSync(path.join(served, 'homework.py'), 'print(1)');
    mkdirSync(path.join(served, '.git'));
    await assert.rejects(ManagedDirectory.adopt(served), (error: Error) => {
      assert.match(error.message, /holds other files than the fixture set/);
      assert.ok(error.message.startsWith(served), error.message);
      assert.match(error.message, /\.git/);
      assert.match(error.message, /homework\.py/);
      assert.match(error.message, /give the target an empty directory$/);
      return true;
    });
    assert.deepEqual(list(served), ['.git', 'homework.py']);
  });

  test('more than five other files: five are named, then "..."', async () => {
    const served = path.join(scratch, 'crowded');
    mkdirSync(served);
    for (let i = 1; i <= 7; i++) writeFileSync(path.join(served, `f${i}`), '');
    await assert.rejects(ManagedDirectory.adopt(served), (error: Error) => {
      const named = /\(([^)]*)\)/.exec(error.message)?.[1] ?? '';
      assert.equal(named.split(', ').length, 6, error.message);
      assert.ok(named.endsWith(', ...'), error.message);
      return true;
    });
  });
});
