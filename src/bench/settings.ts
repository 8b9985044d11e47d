import type { TargetOptions } from '../target/target-spec';

/** The options of `hftp-conformance bench` (see cli/bench-command.ts). */
export interface BenchOptions extends TargetOptions {
  runs?: number;
  /** Seconds per (b) level. */
  duration?: number;
  bigMib?: number;
  clients?: number[];
  crowd?: number[];
  /** ms: connect and read timeout; (c)'s deadline per client. */
  timeout?: number;
  /** Decoded MB/s of the slow reader. */
  slowRate?: number;
  /** Seconds of slow reading (0: no slow reader). */
  slowSeconds?: number;
  slowMib?: number;
  smoke?: boolean;
  json?: string;
  /** Only write the bench's files into this directory (for a server in attach mode). */
  writeFiles?: string;
}

/** The options resolved against the defaults, in the units the measures use. */
export interface BenchSettings {
  runs: number;
  durationMs: number;
  bigMib: number;
  clients: number[];
  crowd: number[];
  crowdSliceBytes: number;
  timeoutMs: number;
  slowRate: number;
  slowMs: number;
  slowMib: number;
}

export const DEFAULT_SETTINGS: BenchSettings = {
  runs: 3,
  durationMs: 2000,
  bigMib: 256,
  clients: [1, 10, 100],
  crowd: [100, 1000],
  crowdSliceBytes: 4096,
  timeoutMs: 5000,
  slowRate: 5,
  slowMs: 3000,
  slowMib: 1024,
};

/** --smoke: every measure, tiny, once (for CI). */
export const SMOKE_SETTINGS: BenchSettings = { ...DEFAULT_SETTINGS, runs: 1, durationMs: 300, bigMib: 8, crowd: [20], slowMs: 300, slowMib: 64 };

export function resolveSettings(options: BenchOptions): BenchSettings {
  const base = options.smoke ? SMOKE_SETTINGS : DEFAULT_SETTINGS;
  return {
    ...base,
    runs: options.runs ?? base.runs,
    durationMs: options.duration !== undefined ? options.duration * 1000 : base.durationMs,
    bigMib: options.bigMib ?? base.bigMib,
    clients: options.clients?.length ? options.clients : base.clients,
    crowd: options.crowd?.length ? options.crowd : base.crowd,
    timeoutMs: options.timeout ?? base.timeoutMs,
    slowRate: options.slowRate ?? base.slowRate,
    slowMs: options.slowSeconds !== undefined ? options.slowSeconds * 1000 : base.slowMs,
    slowMib: options.slowMib ?? base.slowMib,
  };
}
