import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { unescapeBytes } from '../src/client/escape';
import { loadFixtureSet, writeFixtureSet } from '../src/fixtures/fixture-set';
import { freePort } from '../src/target/target';
import { havePython, PYTHON, runCli, serving } from './run-cli';
import { STUDENT_SERVER_SCRIPT, studentServerCommand } from './student-servers/variants';

/*
 * Issue 14's promise: for each failing rule of a student server with a planted bug, the
 * reproducer the suite prints (and the JSON carries), run against that server, shows the
 * bug. And a server that crashes on one request inside a fuzzed sequence is reported with
 * that one request, shrunk, with a reproducer that crashes it again.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-repro-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Scenario {
  rule: string;
  name: string;
  outcome: string;
  record: {
    failure: { expected?: string; received?: string; hint?: string; reproducer?: { python: string; shell?: string } } | null;
    transcript: { entries: { client: string; direction: string; head: string; omitted: number }[] };
  };
}

async function failedScenarios(variant: string, tags: string, extra: string[] = []): Promise<{ scenarios: Scenario[]; output: string }> {
  const json = path.join(scratch, `${variant}.json`);
  const { output } = await runCli(['--server', studentServerCommand(variant, PYTHON), '--profile', 'course-2024', '--tags', tags, '--json', json, ...extra]);
  const report = JSON.parse(readFileSync(json, 'utf8')) as { scenarios: Scenario[] };
  return { scenarios: report.scenarios.filter((s) => s.record.failure), output };
}

/** The variant, started by hand as a student would, on the fixture set. */
async function startVariant(variant: string): Promise<{ port: number; child: ChildProcess }> {
  const dir = mkdtempSync(path.join(scratch, 'fixtures-'));
  await writeFixtureSet(dir, loadFixtureSet());
  const port = await freePort();
  const child = spawn(PYTHON, [STUDENT_SERVER_SCRIPT, '--variant', variant, '-a', '127.0.0.1', '-p', String(port), '-d', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await serving(child, port);
  } catch (error) {
    child.kill();
    throw new Error(`${variant} did not start: ${(error as Error).message}`);
  }
  return { port, child };
}

/** Run a reproducer; what each client received, as bytes, from its output. */
function runReproducer(script: string, port: number): { output: string; received: Map<string, Buffer>; status: number | null } {
  const file = path.join(scratch, `repro-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, script);
  const result = spawnSync(PYTHON, [file, String(port)], { encoding: 'utf8', timeout: 60_000 });
  const received = new Map<string, Buffer>();
  for (const line of result.stdout.split('\n')) {
    const match = /^\s*[\d.]+ ms {2}(\S+) {2}< +"(.*)"$/.exec(line);
    if (match) received.set(match[1], Buffer.concat([received.get(match[1]) ?? Buffer.alloc(0), unescapeBytes(match[2])]));
  }
  return { output: `${result.stdout}${result.stderr}`, received, status: result.status };
}

/** Each client's first received bytes in the suite's transcript begin what the reproducer received too. */
function assertSameStart(scenario: Scenario, received: Map<string, Buffer>, output: string): void {
  const firsts = new Map<string, string>();
  for (const entry of scenario.record.transcript.entries) {
    if (entry.direction === 'received' && !firsts.has(entry.client) && entry.omitted === 0) firsts.set(entry.client, entry.head);
  }
  assert.ok(firsts.size > 0, `${scenario.name}: the suite's transcript has no whole received entry to compare with\n${output}`);
  for (const [client, head] of firsts) {
    const expected = unescapeBytes(head).subarray(0, 16);
    const got = received.get(client) ?? Buffer.alloc(0);
    assert.ok(
      got.subarray(0, expected.length).equals(expected),
      `${scenario.name}: client ${client} received ${JSON.stringify(got.toString('latin1'))}, the suite ${JSON.stringify(expected.toString('latin1'))}\n${output}`,
    );
  }
}

describe('reproducers show the bug on the student server they came from', { concurrency: 1, skip: !havePython() && `${PYTHON} is not installed` }, () => {
  test('keeps-open-after-100: every FRAME-4 and STATUS-2 failure reproduces: 100, and the connection still open', { timeout: 240_000 }, async () => {
    const { scenarios, output } = await failedScenarios('keeps-open-after-100', '@FRAME-4 or @STATUS-2');
    assert.ok(scenarios.length >= 2, output);
    const server = await startVariant('keeps-open-after-100');
    try {
      for (const scenario of scenarios) {
        const failure = scenario.record.failure!;
        assert.ok(failure.reproducer?.python, `${scenario.name}: no reproducer`);
        assert.ok(failure.hint, `${scenario.name}: no hint`);
        const run = runReproducer(failure.reproducer.python, server.port);
        assert.equal(run.status, 0, run.output);
        assertSameStart(scenario, run.received, run.output);
        assert.match(run.output, /100 BAD EOL/, `${scenario.name}\n${run.output}`);
        assert.match(run.output, /still open after 2 s/, `${scenario.name}: the reproducer does not show the connection left open\n${run.output}`);
        assert.match(run.output, /^expected: /m, run.output);
      }
    } finally {
      server.child.kill();
    }
  });

  test('extra-crlf-after-errors: every STATUS-6 failure reproduces: an empty line after an error status', { timeout: 240_000 }, async () => {
    const { scenarios, output } = await failedScenarios('extra-crlf-after-errors', '@STATUS-6');
    assert.ok(scenarios.length >= 1, output);
    const server = await startVariant('extra-crlf-after-errors');
    try {
      for (const scenario of scenarios) {
        const failure = scenario.record.failure!;
        assert.ok(failure.reproducer?.python, `${scenario.name}: no reproducer`);
        const run = runReproducer(failure.reproducer.python, server.port);
        assert.equal(run.status, 0, run.output);
        assertSameStart(scenario, run.received, run.output);
        const all = [...run.received.values()].map((bytes) => bytes.toString('latin1')).join('');
        assert.match(all, /^[12]\d\d [^\r\n]+\r\n\r\n/m, `${scenario.name}: no empty line after an error status\n${run.output}`);
      }
    } finally {
      server.child.kill();
    }
  });

  test('dies-on-hex: the fuzzer reports the one request that kills the server, and its reproducer kills it again', { timeout: 240_000 }, async () => {
    const { scenarios, output } = await failedScenarios('dies-on-hex', '@ROBUST-4');
    const fuzz = scenarios.find((s) => s.name === 'Random requests that look like HFTP');
    assert.ok(fuzz, output);
    const received = fuzz.record.failure!.received ?? '';
    assert.match(received, /server exited \(code 3/, received);
    assert.match(received, /shrunk to 1 request on 1 connection/, received);
    const requests = received.split('\n').filter((line) => /^\s*client \d+: "/.test(line));
    assert.equal(requests.length, 1, received);
    assert.match(requests[0], /client 1: "get_slice [^"]*0x10[^"]*"/, received);
    assert.match(fuzz.record.failure!.expected ?? '', /seed 2026; replay with --seed 2026/);
    const server = await startVariant('dies-on-hex');
    try {
      const run = runReproducer(fuzz.record.failure!.reproducer!.python, server.port);
      assert.match(run.output, /closed by the server \(EOF\)|connection reset by the server/, run.output);
      // The fresh client finds the server gone: refused, or, when it connects in the instant
      // before the dying process lets go of its socket, reset or closed, and never answered.
      assert.match(run.output, /NEW {2}-- +(could not connect|connection reset by the server|closed by the server)/, run.output);
      assert.doesNotMatch(run.output, /NEW {2}< /, run.output);
      await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
      assert.equal(server.child.exitCode, 3);
    } finally {
      server.child.kill();
    }
  });
});

describe('replay: one rule or one scenario again, with its full transcript', { skip: !havePython() && `${PYTHON} is not installed` }, () => {
  test('by (part of) a scenario name: its transcript, hint and reproducer; by an unknown rule: exit 2, saying what to give', { timeout: 120_000 }, async () => {
    const { output } = await runCli(['replay', "The course's bad end of line", '--server', studentServerCommand('keeps-open-after-100', PYTHON)]);
    assert.match(output, /^--- The course's bad end of line: FRAME-4 failed: /m, output);
    assert.match(output, /full wire transcript:\n.*connected to/, output);
    assert.match(output, /^ {2}hint: {5}A "\\n" not preceded by "\\r"/m, output);
    assert.match(output, /^ {4}send\('A', b'qui\\nt\\n\\r\\n'\)$/m, output);
    const { output: unknown } = await runCli(['replay', 'NOPE-9', '--lang', 'es', '--server', studentServerCommand('crlf-framer', PYTHON)]);
    assert.match(unknown, /No se puede probar: Ningún escenario coincide con "@NOPE-9"/, unknown);
  });
});
