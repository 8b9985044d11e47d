import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { matrixCsv, type Weights } from './csv';
import { matrixHtml } from './html';
import type { Matrix } from './matrix';

export interface MatrixOutputs {
  html?: string;
  csv?: string;
  json?: string;
  weights?: string;
  title?: string;
}

/**
 * Write the matrix as HTML, CSV and JSON, as asked, the CSV scored with `weights` (loaded from
 * `outputs.weights` by the caller, before any work); `run` (timings of a class run) goes into the JSON only.
 */
export function writeMatrixFiles(matrix: Matrix, outputs: MatrixOutputs, weights: Weights, run?: unknown): void {
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  };
  if (outputs.html) write(outputs.html, matrixHtml(matrix, outputs.title));
  if (outputs.csv) write(outputs.csv, matrixCsv(matrix, weights));
  if (outputs.json) write(outputs.json, `${JSON.stringify(run ? { ...matrix, run } : matrix, null, 2)}\n`);
}
