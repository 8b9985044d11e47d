/**
 * Run one mutant (or the lenient server) as a server of its own, to watch the suite judge
 * it:
 *
 *   npx hftp-conformance --server "node -r ts-node/register test/mutants/serve.ts listing-no-empty-line -p {port} -d {dir}"
 *   npx hftp-conformance --server "node -r ts-node/register test/mutants/serve.ts lenient -p {port} -d {dir}"
 */
import { parseArgs } from 'node:util';
import { LENIENT } from './lenient';
import { startMutant } from './proxy';
import { MUTANTS } from './zoo';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', short: 'p', default: '19500' }, directory: { type: 'string', short: 'd', default: 'testdata' } },
});
const name = positionals[0];
const mutant = name === 'lenient' ? LENIENT : MUTANTS[name ?? ''];
if (!mutant) {
  process.stderr.write(`usage: serve.ts NAME -p PORT -d DIR\nNAME: lenient, ${Object.keys(MUTANTS).join(', ')}\n`);
  process.exit(2);
}
startMutant(mutant, { directory: values.directory, port: Number(values.port) }).then(({ port }) => {
  process.stdout.write(`mutant ${name} (breaks ${mutant.rule}: ${mutant.story}) on 127.0.0.1:${port}\n`);
});
