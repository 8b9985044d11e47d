import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../conformance/rules';

/**
 * Which suite wrote a report: its version and a fingerprint of its rule catalogue (every
 * ID, level and capability). Reports merged into one matrix must agree on both: a rule ID
 * judged by another catalogue may mean something else.
 */
export interface SuiteIdentity {
  version: string;
  catalogue: string;
}

let cached: SuiteIdentity | null = null;

export function suiteIdentity(): SuiteIdentity {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  cached = { version: pkg.version, catalogue: catalogueFingerprint() };
  return cached;
}

export function catalogueFingerprint(rules = RULES): string {
  const text = rules.map((r) => `${r.id} ${r.level} ${r.capability ?? '-'}`).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
