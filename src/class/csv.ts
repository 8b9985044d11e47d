import { readFileSync } from 'node:fs';
import { ruleById, type Level } from '../conformance/rules';
import type { Outcome } from '../conformance/verdict';
import { outcomeLabel } from '../report/summary';
import type { Matrix, Row } from './matrix';

/**
 * The grade book: one row per server, one column per rule (its outcome), the counts, and a
 * score from a weights file. A weights file has one `KEY POINTS` per line, `#` comments; a
 * key is a rule ID (`FRAME-4 3`) or a level (`must 2`, the default for its rules).
 * Without a file: 1 point for every must, should and ext rule, 0 for info rules.
 *
 * A rule earns its points when it passed (an info rule whenever it was judged: any allowed
 * answer is fine); it counts towards the maximum unless it was skipped (a capability the
 * server's profile does not include). A rule not judged (the server stopped serving) earns
 * nothing. A server that could not be tested has no score.
 */
export type Weights = { levels: Record<Level, number>; rules: Record<string, number> };

export const DEFAULT_WEIGHTS: Weights = { levels: { must: 1, should: 1, ext: 1, info: 0 }, rules: {} };

export class WeightsError extends Error {
  override name = 'WeightsError';
}

export function parseWeights(text: string, file = 'weights'): Weights {
  const weights: Weights = { levels: { ...DEFAULT_WEIGHTS.levels }, rules: {} };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const [key, points, extra] = line.split(/[\s,;=:]+/);
    const value = Number(points);
    if (extra !== undefined || points === undefined || !Number.isFinite(value) || value < 0)
      throw new WeightsError(`${file}:${i + 1}: write "RULE-ID POINTS" or "LEVEL POINTS" (points a number >= 0), not "${raw.trim()}"`);
    if (key in weights.levels) weights.levels[key as Level] = value;
    else if (ruleById(key)) weights.rules[key] = value;
    else throw new WeightsError(`${file}:${i + 1}: "${key}" is neither a rule ID of this catalogue nor a level (must, should, ext, info)`);
  });
  return weights;
}

export function loadWeights(file: string | undefined): Weights {
  return file ? parseWeights(readFileSync(file, 'utf8'), file) : DEFAULT_WEIGHTS;
}

export function weightOf(id: string, weights: Weights): number {
  const rule = ruleById(id);
  return weights.rules[id] ?? (rule ? weights.levels[rule.level] : 0);
}

export function scoreOf(row: Row, weights: Weights): { points: number; max: number } | null {
  if (row.status === 'could not test') return null;
  let points = 0;
  let max = 0;
  for (const [id, cell] of Object.entries(row.cells)) {
    if (cell.outcome === 'skipped') continue;
    const weight = weightOf(id, weights);
    max += weight;
    if (cell.outcome === 'passed' || cell.outcome === 'info') points += weight;
  }
  return { points, max };
}

export function matrixCsv(matrix: Matrix, weights: Weights = DEFAULT_WEIGHTS): string {
  const header = [
    'server',
    'profile',
    'status',
    ...matrix.columns.map((c) => c.id),
    'rules passed',
    'failed',
    'warnings',
    'info',
    'not judged',
    'skipped',
    'points',
    'max points',
    'score %',
  ];
  const lines = [header];
  for (const row of matrix.rows) {
    const score = scoreOf(row, weights);
    const cells = Object.values(row.cells);
    const counts = row.status === 'could not test' ? null : (o: Outcome) => String(cells.filter((c) => c.outcome === o).length);
    lines.push([
      row.name,
      row.profile ?? '',
      row.status,
      ...matrix.columns.map((c) => (row.cells[c.id] ? outcomeLabel(row.cells[c.id].outcome) : '')),
      ...(['passed', 'failed', 'warning', 'info', 'not judged', 'skipped'] as Outcome[]).map((o) => (counts ? counts(o) : '')),
      score ? round(score.points) : '',
      score ? round(score.max) : '',
      score && score.max > 0 ? round((100 * score.points) / score.max) : '',
    ]);
  }
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const round = (n: number) => String(Math.round(n * 10) / 10);

function csvCell(value: string): string {
  // A leading = + - @ would be read as a formula by a spreadsheet: quote it with a '.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
