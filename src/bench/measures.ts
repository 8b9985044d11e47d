import { type Summary, summarize } from './stats';

/** One figure of the bench (say `b.p99.10`, the p99 latency with 10 clients) and its value in every run. */
export interface Row {
  /** Its letter ((a) to (e)) first: the table sorts by it. */
  id: string;
  label: string;
  unit: string;
  values: number[];
}

/** The figures of a bench: every run's value of each measure. */
export class Measures {
  private readonly rows = new Map<string, Row>();

  add(id: string, label: string, unit: string, value: number): void {
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { id, label, unit, values: [] }));
    row.values.push(value);
  }

  /** By measure letter ((a) to (e)), in the order measured within one letter. */
  list(): (Row & Summary)[] {
    const rows = [...this.rows.values()].sort((x, y) => x.id.charCodeAt(0) - y.id.charCodeAt(0));
    return rows.map((row) => ({ ...row, ...summarize(row.values) }));
  }
}
