import { Measures } from './measures';
import type { Target } from '../target/target';
import { RssSampler } from './process-memory';
import type { BenchSettings } from './settings';
import { type Usage, UsageMeter } from './usage';

/** The measures taken in runs ((d)'s idle readings are not: they are keyed `idle`). */
export type Letter = 'a' | 'b' | 'c' | 'e';

/** Which run of which measure, and how the output names it. */
export interface RunName {
  letter: Letter;
  /** From 1 to --runs. */
  run: number;
  /** `(b) run 2, 10 clients`: in the notes, the failures and the other-load check. */
  name: string;
  /** `(b) run 2/3, 10 clients`: in the progress lines. */
  counted: string;
}

/** One run of a measure, for Bench.measureRun. */
export interface MeasureRun<T, E extends Error> {
  /** Take the measurement (metered meanwhile). */
  take(): Promise<T>;
  /** Record the figures of a run that completed, with what it used. */
  record(result: T, usage: Usage): void;
  /**
   * What a run may fail with that is a finding about the server (a wrong answer, no
   * connection), and how to record it instead of figures. Any other error is the bench's own:
   * it propagates.
   */
  fails?: { with: abstract new (...args: any[]) => E; record(error: E): void };
}

/** One bench: its target's address, settings, figures, notes and failures. The measures write into it. */
export class Bench {
  readonly measures = new Measures();
  readonly notes: string[] = [];
  readonly failures: string[] = [];
  /** Every run's details, for --json. */
  readonly runs: Record<'idle' | Letter, unknown[]> = { idle: [], a: [], b: [], c: [], e: [] };
  /** The server's memory and CPU; null where they cannot be read. */
  sampler: RssSampler | null = null;
  private readonly meter = new UsageMeter();

  constructor(
    readonly target: Target,
    readonly settings: BenchSettings,
    readonly progress: (text: string) => void,
  ) {}

  /** The target's address, where the measures connect. */
  get host(): string {
    return this.target.host;
  }

  get port(): number {
    return this.target.port;
  }

  /** Find the target's processes, to read their memory. `started`: the bench started the target (in a process group of its own). */
  locate(started: boolean): void {
    const found = RssSampler.start(this.port, { groups: started });
    if (typeof found === 'string') {
      this.notes.push(`(d) and (e) skipped: server memory cannot be measured (${found})`);
      return;
    }
    this.sampler = found;
    this.progress(
      `server processes (${started ? "the listener's process group and descendants" : 'the listener and its descendants'}): ${found.pids.join(' ')}`,
    );
  }

  /** Stop reading the server's memory (before a restart, and at the end). */
  async stopSampler(): Promise<void> {
    await this.sampler?.stop();
    this.sampler = null;
  }

  /** Run `run` of measure `letter`, at `level` if the measure has levels ("10 clients"). */
  runName(letter: Letter, run: number, level?: string): RunName {
    const at = level ? `, ${level}` : '';
    return { letter, run, name: `(${letter}) run ${run}${at}`, counted: `(${letter}) run ${run}/${this.settings.runs}${at}` };
  }

  /**
   * One run of a measure, metered (CPU of both sides and of everything else, the server's
   * memory): its result and usage go to `run.record`; an error of the kind `run.fails` names
   * goes to `run.fails.record` instead (and the run's usage is left out); any other propagates.
   */
  async measureRun<T, E extends Error>(name: RunName, run: MeasureRun<T, E>): Promise<void> {
    const usage = this.meter.start(this.sampler);
    let result: T;
    try {
      result = await run.take();
    } catch (error) {
      if (!run.fails || !(error instanceof run.fails.with)) throw error;
      usage.stop(null);
      run.fails.record(error);
      return;
    }
    run.record(result, usage.stop(name.name));
  }

  /** Say so if other processes used much CPU meanwhile (the two sides share the machine's cores). */
  checkOtherLoad(): void {
    const note = this.meter.otherLoadNote();
    if (note) this.notes.push(note);
  }
}
