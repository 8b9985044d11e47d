import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { freePort } from '../src/target/target';
import { listeningPort, ROOT, runCli } from './run-cli';

/*
 * `hftp-conformance bench --smoke` end to end, as CI runs it: a subprocess, the bundled
 * reference server, every measure once and tiny. Only the shape of the results is checked
 * (every measure there, every figure a positive number): never how fast anything was.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-bench-test-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * A bench saturates both cores for a moment: its runs (and the servers they start, which
 * inherit it) get a low CPU priority, so that the timing-sensitive tests that npm test runs
 * beside this file keep theirs. The bench's figures may suffer; they are not checked.
 */
const NICE = existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', '19'] : [];

const run = (args: string[]) => runCli(args, { prefix: NICE });

interface Measure {
  id: string;
  unit: string;
  values: number[];
  median: number;
  min: number;
  max: number;
}

/** Every measure --smoke takes (levels 1, 10, 100 clients; one crowd of 20). */
const SMOKE_MEASURES = [
  'a.throughput',
  'a.cpu.server',
  'a.cpu.client',
  ...[1, 10, 100].flatMap((n) => [`b.rate.${n}`, `b.p50.${n}`, `b.p99.${n}`, `b.cpu.server.${n}`, `b.cpu.client.${n}`]),
  'c.served.20',
  'c.ms.20',
  'c.largest',
  'd.rss.idle',
  'd.rss.a',
  'd.rss.c',
  'e.rss',
  'e.rate',
];

function checkReport(file: string, expected: string[]): { measures: Measure[]; notes: string[]; failures: string[] } {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const ids = report.measures.map((m: Measure) => m.id);
  assert.deepEqual([...ids].sort(), [...expected].sort());
  for (const measure of report.measures as Measure[]) {
    assert.equal(measure.values.length, 1, `${measure.id}: one run`);
    for (const value of [...measure.values, measure.median, measure.min, measure.max]) {
      // CPU is read in 10 ms ticks: a short measure may see none.
      if (measure.unit === '% of a core') assert.ok(value >= 0, `${measure.id} = ${value}`);
      else assert.ok(Number.isFinite(value) && value > 0, `${measure.id} = ${value}`);
    }
  }
  assert.deepEqual(report.failures, []);
  assert.equal(report.settings.runs, 1);
  return report;
}

// One run at a time, for the same reason.
describe('hftp-conformance bench', { concurrency: 1 }, () => {
  test('--smoke against the bundled reference server: every measure, positive figures, a table', async () => {
    const json = path.join(scratch, 'smoke.json');
    const result = await run(['bench', '--smoke', '--json', json]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^MEASURE +MEDIAN +MIN +MAX +UNIT$/m);
    assert.match(result.stdout, /^\(a\) get_slice bench8M\.bin, decoded +[0-9.]+ +[0-9.]+ +[0-9.]+ +MB\/s$/m);
    assert.match(result.stdout, /^\(c\) largest N fully served +20 +20 +20 +clients$/m);
    assert.match(result.stderr, /^bench: \(a\) run 1\/1: /m);
    const report = checkReport(json, SMOKE_MEASURES);
    assert.equal(report.measures.find((m) => m.id === 'c.largest')?.median, 20);
  });

  test('attach mode: a running server that serves the bench files written by --write-files', async () => {
    const dir = path.join(scratch, 'served');
    const written = await run(['bench', '--smoke', '--write-files', dir]);
    assert.equal(written.status, 0, written.stderr);
    assert.equal((await run(['fixtures', dir])).status, 0);
    const [command, ...rest] = [...NICE, process.execPath, path.join(ROOT, 'bin', 'hftp-server.js'), '-a', '127.0.0.1', '-p', '0', '-d', dir];
    const server = spawn(command, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(server);
    // A niced server may take long to start on a busy machine: the wait ends when it names its port, or exits.
    const port = await listeningPort(server);
    const json = path.join(scratch, 'attach.json');
    const result = await run(['bench', '--smoke', '--host', '127.0.0.1', '--port', String(port), '--json', json]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    checkReport(json, SMOKE_MEASURES);
  });

  test("a closed port: exit 2, with the preflight's sentence", async () => {
    const port = await freePort();
    const result = await run(['bench', '--smoke', '--host', '127.0.0.1', '--port', String(port)]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`Cannot test: Nothing accepts connections on 127\\.0\\.0\\.1:${port}`));
  });
});
