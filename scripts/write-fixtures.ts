/**
 * `npm run fixtures -- DIR`: write the fixture set into DIR, for a server that the suite
 * attaches to (it must serve exactly these files).
 */
import { mkdirSync } from 'node:fs';
import { loadFixtureSet, writeFixtureSet } from '../src/fixtures/fixture-set';

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npm run fixtures -- DIR\n');
    return 2;
  }
  mkdirSync(dir, { recursive: true });
  const fixtures = loadFixtureSet();
  await writeFixtureSet(dir, fixtures);
  process.stdout.write(`wrote ${fixtures.size} fixture files to ${dir}: ${[...fixtures.keys()].join(' ')}\n`);
  return 0;
}

main().then((code) => (process.exitCode = code));
