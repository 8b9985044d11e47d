import { readFileSync } from 'node:fs';
import { LEVELS, RULES, type Level } from '../conformance/rules';
import type { Outcome } from '../conformance/verdict';
import type { Failure, ScenarioRecord } from '../conformance/scenario-record';
import { type SuiteIdentity, suiteIdentity } from '../report/identity';
import type { JsonReport, JsonRule, JsonScenario } from '../report/json';

/**
 * The class matrix: servers x rules, built only from `--json` reports (the ones a class run
 * writes, or ones produced in each student repository's CI), so both give the same matrix.
 */

/**
 * What the matrix reads from a `--json` report (older ones may lack fields), or the stub a
 * class run writes for a server it could not test: the report's own type, in part.
 */
export type ReportFile = Partial<Omit<JsonReport, 'tool' | 'rules' | 'scenarios'>> & {
  tool: string;
  couldNotTest?: string;
  rules?: Pick<JsonRule, 'id' | 'outcome' | 'reason' | 'scenarios'>[];
  scenarios?: (Pick<JsonScenario, 'rule' | 'name' | 'outcome' | 'reason' | 'transcript'> & {
    record: Pick<ScenarioRecord, 'failure' | 'choices'> | null;
  })[];
};

export interface ScenarioCell {
  name: string;
  outcome: Outcome;
  reason: string;
  failure: Failure | null;
  choice: string | null;
  /** Kept for every scenario that did not pass (a passed scenario's wire log adds little and weighs a lot). */
  transcript: string | null;
}

export interface Cell {
  outcome: Outcome;
  reason: string;
  scenarios: ScenarioCell[];
}

export type RowStatus = 'conformant' | 'not conformant' | 'could not test';

export interface Row {
  name: string;
  profile: string | null;
  strict: boolean;
  capabilities: string[];
  status: RowStatus;
  /** Why it could not be tested, or why the run stopped judging. */
  note: string | null;
  counts: Record<Outcome, number> | null;
  cells: Record<string, Cell>;
}

export interface Column {
  id: string;
  level: Level;
  area: string;
  summary: string;
}

export interface PassRate {
  rule: string;
  passed: number;
  judged: number;
}

/** One info scenario: which answer each server chose, with counts. */
export interface Interpretation {
  rule: string;
  scenario: string;
  choices: { answer: string; servers: string[] }[];
}

export interface Matrix {
  tool: 'hftp-conformance matrix';
  suite: SuiteIdentity;
  columns: Column[];
  rows: Row[];
  passRates: PassRate[];
  interpretations: Interpretation[];
}

const AREAS: [RegExp, string][] = [
  [/^FRAME-/, 'Framing'],
  [/^STATUS-/, 'Status line and connection'],
  [/^(CMD|LIST|META|SLICE|QUIT)-/, 'Commands'],
  [/^NAME-/, 'Names and safety'],
  [/^(ASCII|LIMIT|HELP|RAW|EMPTY)-/, 'Extensions'],
  [/^CONC-/, 'Clients at once'],
  [/^ROBUST-/, 'Robustness'],
];

export function areaOf(id: string): string {
  return AREAS.find(([pattern]) => pattern.test(id))?.[1] ?? 'Other';
}

export class ReportError extends Error {}

/** Refuse a file that is not a report of this very suite and rule catalogue. */
export function checkReport(report: ReportFile, source: string, suite: SuiteIdentity): void {
  if (!report || typeof report !== 'object' || report.tool !== 'hftp-conformance') throw new ReportError(`${source} is not an hftp-conformance --json report`);
  if (!report.suite)
    throw new ReportError(
      `${source} was written by an older hftp-conformance that does not say its version and rule catalogue; run the suite again with this version (${suite.version})`,
    );
  if (report.suite.version !== suite.version || report.suite.catalogue !== suite.catalogue) {
    throw new ReportError(
      `${source} comes from hftp-conformance ${report.suite.version} (rule catalogue ${report.suite.catalogue}), not this one, ${suite.version} (catalogue ${suite.catalogue}): ` +
        'a matrix mixes only reports of one suite version and catalogue; run every server with the same version',
    );
  }
}

/** A `--json` report from disk, refused (ReportError) unless it is one of this very suite and catalogue. */
export function readReport(file: string, suite: SuiteIdentity = suiteIdentity()): ReportFile {
  let report: ReportFile;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as ReportFile;
  } catch (error) {
    throw new ReportError(`${file}: ${(error as Error).message}`);
  }
  checkReport(report, file, suite);
  return report;
}

/** The report of a server that could not be tested (a class run's, or `untested-report`'s for a CI job that got exit 2). */
export function untestedReport(target: string, profile: string, reason: string): ReportFile {
  return { tool: 'hftp-conformance', suite: suiteIdentity(), target, profile, couldNotTest: reason };
}

export function buildMatrix(named: { name: string; report: ReportFile }[], suite: SuiteIdentity): Matrix {
  const rows = named.map(({ name, report }) => rowOf(name, report)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const duplicate = rows.find((row, i) => i > 0 && rows[i - 1].name === row.name);
  if (duplicate) throw new ReportError(`two reports for "${duplicate.name}": each server needs its own name`);
  // The rules some server was judged on (all of them, unless every run chose a subset with --tags).
  const columns = orderedColumns().filter((c) => rows.some((row) => row.cells[c.id]));
  return { tool: 'hftp-conformance matrix', suite, columns, rows, passRates: passRates(columns, rows), interpretations: interpretations(columns, rows) };
}

/** Every rule of the catalogue, grouped by area (in catalogue order) and, inside an area, by level. */
export function orderedColumns(): Column[] {
  const columns = RULES.map((r) => ({ id: r.id, level: r.level, area: areaOf(r.id), summary: r.summary }));
  const areas = [...new Set(columns.map((c) => c.area))];
  const rank = (c: Column) => areas.indexOf(c.area) * 10 + LEVELS.indexOf(c.level);
  return columns
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
}

function rowOf(name: string, report: ReportFile): Row {
  const base = { name, profile: report.profile ?? null, strict: Boolean(report.strict), capabilities: report.capabilities ?? [] };
  if (report.couldNotTest !== undefined || !report.rules) {
    return { ...base, status: 'could not test', note: report.couldNotTest ?? 'no verdict in the report', counts: null, cells: {} };
  }
  const cells: Record<string, Cell> = {};
  for (const rule of report.rules) {
    const scenarios = (report.scenarios ?? [])
      .filter((s) => s.rule === rule.id)
      .map((s) => ({
        name: s.name,
        outcome: s.outcome,
        reason: s.reason,
        failure: s.record?.failure ?? null,
        choice: choiceOf(s),
        transcript: s.outcome === 'passed' ? null : s.transcript,
      }));
    cells[rule.id] = { outcome: rule.outcome, reason: rule.reason, scenarios };
  }
  return { ...base, status: report.conformant ? 'conformant' : 'not conformant', note: report.notJudged ?? null, counts: report.counts ?? null, cells };
}

/** The answer a server chose in an info scenario: the recorded choice, or what came outside the allowed set. */
function choiceOf(s: NonNullable<ReportFile['scenarios']>[number]): string | null {
  if (s.outcome === 'info') return 'outside the allowed set';
  if (s.outcome !== 'passed') return null;
  const choices = [...new Set(s.record?.choices ?? [])];
  return choices.length ? choices.join(' / ') : null;
}

function passRates(columns: Column[], rows: Row[]): PassRate[] {
  return columns.map((column) => {
    const outcomes = rows.map((row) => row.cells[column.id]?.outcome).filter((o): o is Outcome => o !== undefined && o !== 'skipped' && o !== 'not judged');
    return { rule: column.id, passed: outcomes.filter((o) => o === 'passed').length, judged: outcomes.length };
  });
}

function interpretations(columns: Column[], rows: Row[]): Interpretation[] {
  const result: Interpretation[] = [];
  for (const column of columns.filter((c) => c.level === 'info')) {
    const byScenario = new Map<string, Map<string, string[]>>();
    for (const row of rows) {
      for (const scenario of row.cells[column.id]?.scenarios ?? []) {
        if (scenario.outcome === 'skipped' || scenario.outcome === 'not judged') continue;
        const answer = scenario.choice ?? 'as allowed (no single answer recorded)';
        const choices = byScenario.get(scenario.name) ?? new Map<string, string[]>();
        byScenario.set(scenario.name, choices.set(answer, [...(choices.get(answer) ?? []), row.name]));
      }
    }
    for (const [scenario, choices] of byScenario) {
      const list = [...choices]
        .map(([answer, servers]) => ({ answer, servers }))
        .sort((a, b) => b.servers.length - a.servers.length || (a.answer < b.answer ? -1 : 1));
      result.push({ rule: column.id, scenario, choices: list });
    }
  }
  return result;
}
