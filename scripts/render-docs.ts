/**
 * `npm run docs`: writes docs/PROTOCOL.md from the feature files and the rule catalogue.
 * src/docs/protocol-doc.test.ts fails when the committed file differs from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readFeatures } from '../src/conformance/feature-reader';
import { renderProtocolDoc } from '../src/docs/protocol-doc';
import { loadFixtureSet } from '../src/fixtures/fixture-set';

const root = path.resolve(__dirname, '..');
export const PROTOCOL_DOC = path.join(root, 'docs', 'PROTOCOL.md');

export function renderFromRepository(): string {
  const fixtures = [...loadFixtureSet().values()].map(({ name, size, description }) => ({ name, size, description }));
  return renderProtocolDoc({ features: readFeatures(), fixtures });
}

if (require.main === module) {
  const text = renderFromRepository();
  mkdirSync(path.dirname(PROTOCOL_DOC), { recursive: true });
  writeFileSync(PROTOCOL_DOC, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), PROTOCOL_DOC)} (${text.split('\n').length - 1} lines)\n`);
}
