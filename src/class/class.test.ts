import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogueFingerprint, suiteIdentity } from '../report/identity';
import { loadManifest, parseManifest, ManifestError } from './manifest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMatrix, checkReport, orderedColumns, ReportError, type ReportFile } from './matrix';
import { matrixCsv, parseWeights, scoreOf, WeightsError } from './csv';
import { matrixHtml } from './html';
import { sandboxedCommand } from './sandbox';
import { RULES } from '../conformance/rules';

const defaults = { command: 'python3 server.py -p {port} -d {dir}', profile: 'course-2024' };

describe('manifest', () => {
  test('a TSV with a header; empty cells take the defaults; folders beside the manifest', () => {
    const text =
      '# the class of 2025\nname\tfolder\tcommand\tprofile\twith\tmax-errors\ng1\t\t\t\t\t\ng2\tsub/two\tnode s.js -p {port} -d {dir}\tcourse-2021\terror-limit,ascii-check\t3\n\n';
    const [g1, g2] = parseManifest(text, '/class', defaults);
    assert.deepEqual(g1, { name: 'g1', folder: '/class/g1', command: defaults.command, profile: 'course-2024', with: [] });
    assert.deepEqual(g2, {
      name: 'g2',
      folder: '/class/sub/two',
      command: 'node s.js -p {port} -d {dir}',
      profile: 'course-2021',
      with: ['error-limit', 'ascii-check'],
      maxErrors: 3,
    });
  });
  test('a directory of submissions: each subdirectory is a server, with the defaults', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hftp-manifest-'));
    try {
      for (const name of ['grupo02', 'grupo01', '.git']) mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, 'notes.txt'), 'not a server');
      assert.deepEqual(
        loadManifest(dir, defaults).map((e) => [e.name, e.folder, e.command]),
        [
          ['grupo01', path.join(dir, 'grupo01'), defaults.command],
          ['grupo02', path.join(dir, 'grupo02'), defaults.command],
        ],
      );
      assert.throws(() => loadManifest(path.join(dir, 'missing.tsv'), defaults), /no manifest at/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('mistakes are named with their line', () => {
    assert.throws(() => parseManifest('g1\tx\n', '/c', defaults), /first line must name the columns/);
    assert.throws(() => parseManifest('name\tcolour\n', '/c', defaults), /unknown column "colour"/);
    assert.throws(() => parseManifest('name\ng 1\n', '/c', defaults), /manifest:2: the name "g 1"/);
    assert.throws(() => parseManifest('name\ng1\ng1\n', '/c', defaults), /listed twice/);
    assert.throws(() => parseManifest('name\tprofile\ng1\tcourse-1999\n', '/c', defaults), /unknown profile/);
    assert.throws(() => parseManifest('name\tcommand\ng1\tpython3 server.py\n', '/c', defaults), /no \{port\}/);
    assert.throws(() => parseManifest('name\ng1\textra\n', '/c', defaults), ManifestError);
  });
});

/** A report as the CLI writes it, for a handful of rules. */
function report(outcomes: Record<string, string>, extra: Partial<ReportFile> = {}): ReportFile {
  const rules = Object.entries(outcomes).map(([id, outcome]) => ({
    id,
    outcome: outcome as never,
    reason: outcome === 'failed' ? 'status 200 (expected status 100)' : '',
    scenarios: [`${id} scenario`],
  }));
  return {
    tool: 'hftp-conformance',
    suite: suiteIdentity(),
    target: 'x',
    profile: 'course-2024',
    strict: false,
    capabilities: ['concurrency'],
    conformant: !Object.values(outcomes).includes('failed'),
    notJudged: null,
    rules,
    scenarios: rules.map((r) => ({
      rule: r.id,
      name: `${r.id} scenario`,
      outcome: r.outcome,
      reason: r.reason,
      transcript: '+0.1 ms  A  >  "qui\\nt\\n\\r\\n"',
      record: {
        failure: r.outcome === 'failed' ? { step: 'the server answers with status 100', expected: 'status 100', received: 'status 200' } : null,
        choices: r.id === 'FRAME-7' ? [r.outcome === 'passed' ? '200' : ''] : [],
      },
    })),
    ...extra,
  };
}

describe('matrix', () => {
  const matrix = buildMatrix(
    [
      { name: 'b', report: report({ 'FRAME-4': 'failed', 'FRAME-7': 'passed', 'FRAME-5': 'warning', 'CONC-1': 'skipped' }) },
      { name: 'a', report: report({ 'FRAME-4': 'passed', 'FRAME-7': 'passed', 'FRAME-5': 'passed', 'CONC-1': 'passed' }) },
      { name: 'c', report: { tool: 'hftp-conformance', suite: suiteIdentity(), couldNotTest: 'never answers' } },
    ],
    suiteIdentity(),
  );
  test('rows sorted by name, columns only for rules some server ran, grouped by area then level', () => {
    assert.deepEqual(
      matrix.rows.map((r) => [r.name, r.status]),
      [
        ['a', 'conformant'],
        ['b', 'not conformant'],
        ['c', 'could not test'],
      ],
    );
    assert.deepEqual(
      matrix.columns.map((c) => c.id),
      ['FRAME-4', 'FRAME-5', 'FRAME-7', 'CONC-1'],
    );
    const all = orderedColumns();
    assert.equal(all.length, RULES.length);
    assert.ok(all.findIndex((c) => c.id === 'FRAME-9') < all.findIndex((c) => c.id === 'FRAME-5'), 'must before should within an area');
  });
  test('pass rates count judged servers only (a skip is not a failure)', () => {
    assert.deepEqual(
      matrix.passRates.find((p) => p.rule === 'FRAME-4'),
      { rule: 'FRAME-4', passed: 1, judged: 2 },
    );
    assert.deepEqual(
      matrix.passRates.find((p) => p.rule === 'CONC-1'),
      { rule: 'CONC-1', passed: 1, judged: 1 },
    );
  });
  test('the interpretation table counts the answers chosen', () => {
    assert.deepEqual(matrix.interpretations, [{ rule: 'FRAME-7', scenario: 'FRAME-7 scenario', choices: [{ answer: '200', servers: ['a', 'b'] }] }]);
  });
  test('a transcript is kept for cells that did not pass', () => {
    assert.equal(matrix.rows[0].cells['FRAME-4'].scenarios[0].transcript, null);
    assert.match(matrix.rows[1].cells['FRAME-4'].scenarios[0].transcript ?? '', /qui/);
  });
  test('reports of another suite version or catalogue are refused, saying why', () => {
    const identity = suiteIdentity();
    checkReport(report({}), 'ok.json', identity);
    assert.throws(() => checkReport({ tool: 'other' } as ReportFile, 'x.json', identity), /not an hftp-conformance --json report/);
    assert.throws(() => checkReport({ ...report({}), suite: undefined }, 'old.json', identity), /older hftp-conformance/);
    assert.throws(
      () => checkReport({ ...report({}), suite: { version: '0.0.1', catalogue: identity.catalogue } }, 'v.json', identity),
      /from hftp-conformance 0\.0\.1/,
    );
    assert.throws(() => checkReport({ ...report({}), suite: { ...identity, catalogue: 'beef' } }, 'c.json', identity), ReportError);
    assert.notEqual(catalogueFingerprint(RULES.slice(1)), catalogueFingerprint());
  });
  test('CSV: one row per server, totals, score from weights', () => {
    const weights = parseWeights('# points\nmust 2\nFRAME-5 0.5 # a should rule\n');
    const lines = matrixCsv(matrix, weights).trim().split('\r\n');
    assert.equal(
      lines[0],
      'server,profile,status,FRAME-4,FRAME-5,FRAME-7,CONC-1,rules passed,failed,warnings,info,not judged,skipped,points,max points,score %',
    );
    assert.equal(lines[1], 'a,course-2024,conformant,pass,pass,pass,pass,4,0,0,0,0,0,4.5,4.5,100');
    assert.equal(lines[2], 'b,course-2024,not conformant,FAIL,warn,pass,skip,1,1,1,0,0,1,0,2.5,0');
    assert.equal(lines[3], 'c,,could not test,,,,,,,,,,,,,');
    assert.deepEqual(scoreOf(matrix.rows[0], weights), { points: 4.5, max: 4.5 });
    assert.throws(() => parseWeights('FRAME-99 1'), WeightsError);
    assert.throws(() => parseWeights('must lots'), /POINTS/);
  });
  test('HTML: self-contained, a letter in every cell, the details as data', () => {
    const html = matrixHtml(matrix);
    assert.doesNotMatch(html, /(src|href)="https?:/);
    assert.match(html, /<td class="cell fail" data-key="1:FRAME-4"[^>]*>F<\/td>/);
    assert.match(html, /<td class="cell skip" data-key="1:CONC-1"[^>]*>S<\/td>/);
    assert.match(html, /could not test: never answers/);
    const data = JSON.parse(/<script type="application\/json" id="cells">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}');
    assert.equal(data['1:FRAME-4'].scenarios[0].failure.expected, 'status 100');
  });
});

test('the sandboxed command keeps {port} and {dir} for the suite, and quotes the rest', () => {
  const command = sandboxedCommand("python3 server.py -p {port} -d {dir} --name 'it''s'", '/class/g 1', { memoryMb: 512, processes: 64, hide: [] });
  assert.match(command, /^bwrap --ro-bind \/ \//);
  assert.match(command, / --bind '\/class\/g 1' '\/class\/g 1' --bind \{dir\} \{dir\} /);
  assert.match(command, / prlimit --as=536870912 --nproc=64 -- \/bin\/sh -c 'python3 server\.py -p \{port\} -d \{dir\} --name '\\''it'\\'''\\''s'\\'''$/);
});
