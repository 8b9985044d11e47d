import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Bench } from './bench-state';
import type { Io } from './io';
import type { Measures } from './measures';
import { formatNumber, formatSeconds } from './stats';

/** What the report says of a finished bench besides its figures. */
export interface BenchReport {
  /** How the target was given: "the reference server", the command, or HOST:PORT. */
  target: string;
  host: string;
  port: number;
  elapsedMs: number;
  exitStatus: number;
}

/**
 * The result on stdout: a heading, the table, then a line per note and per verification failure.
 *
 *     Bench of the reference server (127.0.0.1:16895): median of 3 runs; took 41.2 s.
 *
 *     MEASURE                              MEDIAN    MIN    MAX  UNIT
 *     (a) get_slice bench256M.bin, decoded    734    702    761  MB/s
 *     ...
 *     note: ...
 *     VERIFICATION FAILED: ...
 */
export function printReport(bench: Bench, report: BenchReport, io: Io): void {
  const { runs } = bench.settings;
  io.stdout.write(
    `\nBench of ${report.target} (${report.host}:${report.port}): median of ${runs} run${runs === 1 ? '' : 's'}; took ${formatSeconds(report.elapsedMs)}.\n\n${table(bench.measures)}\n`,
  );
  for (const note of bench.notes) io.stdout.write(`note: ${note}\n`);
  for (const failure of bench.failures) io.stdout.write(`VERIFICATION FAILED: ${failure}\n`);
}

/** --json FILE: the settings, every figure with every run's value, and each run's details. */
export function writeJsonReport(file: string, bench: Bench, report: BenchReport): void {
  const json = {
    target: report.target,
    address: `${report.host}:${report.port}`,
    date: new Date().toISOString(),
    elapsedSeconds: report.elapsedMs / 1000,
    settings: bench.settings,
    serverPids: bench.sampler?.pids ?? null,
    measures: bench.measures.list(),
    runs: bench.runs,
    notes: bench.notes,
    failures: bench.failures,
    exitStatus: report.exitStatus,
  };
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** The figures as a table: labels and units to the left, numbers to the right of their columns. */
export function table(measures: Measures): string {
  const header = ['MEASURE', 'MEDIAN', 'MIN', 'MAX', 'UNIT'];
  const lines = measures.list().map((row) => [row.label, formatNumber(row.median), formatNumber(row.min), formatNumber(row.max), row.unit]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [format(header), ...lines.map(format)].join('\n');
}
