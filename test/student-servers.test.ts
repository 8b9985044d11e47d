import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { havePython, PYTHON, runCli } from './run-cli';
import { STUDENT_SERVERS, studentServerCommand } from './student-servers/variants';

/*
 * Fair verdicts on real student servers: every conforming server of the zoo is CONFORMANT
 * under its profile, and every broken one is NOT CONFORMANT on exactly the rules it breaks,
 * with nothing blamed downstream and nothing left "not judged". Through the CLI, as a
 * student runs it.
 *
 * Scenarios: every must scenario and everything that does not stress the server
 * (`not @stress or @must`). The stress scenarios (ROBUST-2..6, CONC-4) are should rules,
 * which never change a verdict; leaving them out keeps this under two minutes.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-zoo-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Report {
  conformant: boolean;
  rules: { id: string; outcome: string; reason: string }[];
}

// The servers and the suite mostly wait on sockets: three runs at a time.
describe('the fairness zoo: Python student servers get the verdict the rules give them', { concurrency: 3 }, () => {
  for (const variant of STUDENT_SERVERS) {
    const verdict = variant.expectFailed.length ? `NOT CONFORMANT on exactly ${variant.expectFailed.join(', ')}` : 'CONFORMANT';
    test(`${variant.name} (${variant.profile}): ${verdict}`, { skip: !havePython() && `${PYTHON} is not installed` }, async () => {
      const json = path.join(scratch, `${variant.name}.json`);
      const capabilities = (variant.capabilities ?? []).flatMap((name) => ['--with', name]);
      const result = await runCli([
        '--server',
        studentServerCommand(variant.name, PYTHON),
        '--profile',
        variant.profile,
        ...capabilities,
        '--tags',
        'not @stress or @must',
        '--json',
        json,
      ]);
      const tail = result.output.split('\n').slice(-60).join('\n');
      const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
      const failed = report.rules.filter((rule) => rule.outcome === 'failed');
      assert.deepEqual(
        failed.map((rule) => rule.id).sort(),
        [...variant.expectFailed].sort(),
        `${variant.name}: ${variant.story}\nfailed: ${failed.map((rule) => `${rule.id}: ${rule.reason}`).join('\n        ')}\n${tail}`,
      );
      assert.deepEqual(
        report.rules.filter((rule) => rule.outcome === 'not judged').map((rule) => rule.id),
        [],
        tail,
      );
      assert.equal(result.status, variant.expectFailed.length ? 1 : 0, tail);
    });
  }
});
