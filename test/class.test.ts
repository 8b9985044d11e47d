import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { JOB_MARKER } from '../src/class/jobs';
import { chromiumPath } from './class-helpers';
import { type CliRun, runCli as runCliIn } from './run-cli';

/*
 * `hftp-conformance class` on a class of four quick servers (the reference, a Python
 * student server, the wrong server that also leaves a daemon behind, and a silent one),
 * on a few rules: the verdicts, the exit status, nothing left running; `matrix` builds the
 * same matrix from the reports; and the HTML page in a real headless Chromium.
 */
const root = path.resolve(__dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-class-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const TAGS = '@FRAME-4 or @FRAME-7 or @LIST-1 or @SLICE-8 or @STATUS-2';

const runCli = (args: string[], cwd = scratch) => runCliIn(args, { cwd });

function markedProcesses(classPid: number): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/environ`, 'latin1').includes(`${JOB_MARKER}=${classPid}-`);
      } catch {
        return false;
      }
    });
}

test('a manifest or weights file with a mistake stops the class before any server runs, naming the line', async () => {
  const bad = path.join(scratch, 'bad.tsv');
  writeFileSync(bad, 'name\tcomand\ng1\tpython3 x.py\n');
  const result = await runCli(['class', bad]);
  assert.equal(result.status, 2);
  assert.match(result.output, /Cannot test the class: .*bad\.tsv:1: unknown column "comand"/);
  const weights = path.join(scratch, 'weights.txt');
  writeFileSync(weights, 'FRAME-4 three\n');
  const good = path.join(scratch, 'good.tsv');
  writeFileSync(good, `name\tfolder\ng1\t${scratch}\n`);
  const refused = await runCli(['class', good, '--weights', weights]);
  assert.equal(refused.status, 2);
  assert.match(refused.output, /weights\.txt:1: write "RULE-ID POINTS"/);
  assert.doesNotMatch(refused.output, /Testing 1 servers/);
});

describe('class: four servers, a few rules', () => {
  const manifest = path.join(scratch, 'class.tsv');
  const out = path.join(scratch, 'reports');
  let run: CliRun;
  let matrix: {
    rows: { name: string; status: string; note: string | null; cells: Record<string, { outcome: string }> }[];
    interpretations: { rule: string; choices: { answer: string; servers: string[] }[] }[];
    run?: unknown;
  };

  before(async () => {
    const submission = path.join(scratch, 'submissions', 'crlf-framer');
    cpSync(path.join(root, 'test', 'student-servers'), submission, { recursive: true, filter: (f) => !f.includes('__pycache__') });
    const lines = [
      'name\tfolder\tcommand\tprofile',
      `reference\t${root}\tnode bin/hftp-server.js -p {port} -d {dir}\tcourse-2024`,
      // a copy outside the suite's own tree, as submissions are
      `crlf-framer\t${submission}\tpython3 server.py --variant crlf-framer -p {port} -d {dir}`,
      // leaves a daemon behind, in a session of its own: the class run must kill it
      `wrong\t${root}\tsetsid sleep 300 & exec node test/wrong-server.js -p {port} -d {dir}`,
      `silent\t${scratch}\tnode ${path.join(root, 'test', 'silent-server.js')} -p {port}`,
    ];
    writeFileSync(manifest, `${lines.join('\n')}\n`);
    run = await runCli([
      'class',
      manifest,
      '--tags',
      TAGS,
      '--out',
      out,
      '--json',
      path.join(scratch, 'class.json'),
      '--html',
      path.join(scratch, 'class.html'),
      '--csv',
      path.join(scratch, 'class.csv'),
    ]);
    matrix = JSON.parse(readFileSync(path.join(scratch, 'class.json'), 'utf8'));
  });

  test('each server gets its own verdict; exit 2 because one could not be tested; progress shown', () => {
    const rows = Object.fromEntries(matrix.rows.map((r) => [r.name, r.status]));
    assert.deepEqual(rows, { 'crlf-framer': 'conformant', reference: 'conformant', silent: 'could not test', wrong: 'not conformant' }, run.output);
    assert.equal(run.status, 2, run.output);
    assert.match(run.output, /\[\d\/4 done, \d running, \d left/);
    assert.match(run.output, /4 servers in .*: 2 conformant, 1 not conformant, 1 could not be tested \(silent\)/);
    const wrong = matrix.rows.find((r) => r.name === 'wrong');
    assert.equal(wrong?.cells['FRAME-4'].outcome, 'failed');
    assert.equal(wrong?.cells['FRAME-7'].outcome, 'passed');
    assert.match(matrix.rows.find((r) => r.name === 'silent')?.note ?? '', /never answers/);
  });

  test('nothing of any server is left running (the daemon the wrong server started was killed)', () => {
    assert.match(run.output, /wrong: NOT CONFORMANT in \d+s; killed [1-9]\d* processes it left behind/);
    assert.deepEqual(markedProcesses(run.pid), []);
  });

  test('the interpretation table shows which answer each server chose for an empty line', () => {
    const frame7 = matrix.interpretations.find((i) => i.rule === 'FRAME-7');
    assert.deepEqual(frame7?.choices, [
      { answer: '200', servers: ['crlf-framer', 'wrong'] },
      { answer: '101 then close', servers: ['reference'] },
    ]);
  });

  test('matrix REPORT.json... builds the same matrix from the reports', async () => {
    const files = ['crlf-framer', 'reference', 'silent', 'wrong'].map((n) => path.join(out, `${n}.json`));
    const merged = path.join(scratch, 'merged.json');
    const result = await runCli(['matrix', ...files.reverse(), '--json', merged, '--csv', path.join(scratch, 'merged.csv')]);
    assert.equal(result.status, 0, result.output);
    const { run: timings, ...fromClass } = matrix;
    assert.ok(timings);
    assert.deepEqual(JSON.parse(readFileSync(merged, 'utf8')), fromClass);
    assert.equal(readFileSync(path.join(scratch, 'merged.csv'), 'utf8'), readFileSync(path.join(scratch, 'class.csv'), 'utf8'));
  });

  test('matrix refuses a report of another suite version, saying why', async () => {
    const report = JSON.parse(readFileSync(path.join(out, 'reference.json'), 'utf8'));
    report.suite.version = '0.0.1';
    const old = path.join(scratch, 'old.json');
    writeFileSync(old, JSON.stringify(report));
    const result = await runCli(['matrix', old, path.join(out, 'wrong.json'), '--json', path.join(scratch, 'refused.json')]);
    assert.equal(result.status, 2);
    assert.match(result.output, /Cannot build the matrix: .*old\.json comes from hftp-conformance 0\.0\.1/);
    assert.equal(existsSync(path.join(scratch, 'refused.json')), false);
  });

  test('untested-report writes the row of a server a CI job could not test', async () => {
    const stub = path.join(scratch, 'ci', 'grupo09.json');
    mkdirSync(path.dirname(stub), { recursive: true });
    assert.equal((await runCli(['untested-report', 'grupo09', '--reason', 'it never started', '--out', stub])).status, 0);
    const merged = path.join(scratch, 'ci.json');
    const result = await runCli(['matrix', stub, path.join(out, 'wrong.json'), '--json', merged]);
    assert.equal(result.status, 0, result.output);
    const rows = JSON.parse(readFileSync(merged, 'utf8')).rows;
    assert.deepEqual(rows.map((r: { name: string; status: string; note: string }) => [r.name, r.status, r.note]).slice(0, 1), [
      ['grupo09', 'could not test', 'it never started'],
    ]);
  });

  const chromium = chromiumPath();
  test('the HTML page in headless Chromium: it renders, the cells are there, a click shows a transcript', {
    skip: !chromium && 'Chromium is not installed (sudo apt-get install chromium)',
  }, async () => {
    const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core');
    const browser = await puppeteer.launch({ executablePath: chromium as string, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(`file://${path.join(scratch, 'class.html')}`, { waitUntil: 'load' });
      assert.deepEqual(
        requests.filter((url) => !url.startsWith('file:')),
        [],
        'no network at view time',
      );
      const servers = await page.$$eval('#matrix tbody th.server', (ths) => ths.map((th) => th.firstChild?.textContent));
      assert.deepEqual(servers, ['crlf-framer', 'reference', 'silent', 'wrong']);
      const cell = await page.$eval('td[data-key="3:FRAME-4"]', (td) => ({
        text: td.textContent,
        colour: (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(td).backgroundColor,
      }));
      assert.deepEqual(cell, { text: 'F', colour: 'rgb(213, 94, 0)' });
      assert.equal(await page.$eval('#detail', (el) => (el as unknown as { hidden: boolean }).hidden), true);
      await page.click('td[data-key="3:FRAME-4"]');
      const detail = await page.$eval('#detail', (el) => ({
        hidden: (el as unknown as { hidden: boolean }).hidden,
        text: el.textContent ?? '',
        pre: el.querySelector('pre.transcript')?.textContent ?? '',
      }));
      assert.equal(detail.hidden, false);
      assert.match(detail.text, /wrong - FRAME-4 \(must\)/);
      assert.match(detail.text, /expected/);
      assert.match(detail.pre, /qui\\nt\\n\\r\\n/);
      mkdirSync(path.join(root, 'reports'), { recursive: true });
      await page.screenshot({ path: path.join(root, 'reports', 'class-matrix.png') });
    } finally {
      await browser.close();
    }
  });
});
