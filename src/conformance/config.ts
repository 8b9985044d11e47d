/**
 * How a run is configured: which target, which capabilities, and how long to wait. The
 * conformance CLI builds it from its options and hands the scenarios a started Suite; run
 * directly (`npx cucumber-js`), the suite reads it from the environment:
 *
 *   HFTP_SERVER         command that starts the target, with {port} and {dir} (spawn mode)
 *   HFTP_SERVER_CWD     the directory to start it in
 *   HFTP_HOST/HFTP_PORT a target already running (attach mode)
 *   HFTP_DATA_DIR       in attach mode, the directory it serves, for the suite to manage
 *   HFTP_TIMEOUT_MS     longest wait for an expected byte (default 3000, the course's own)
 *   HFTP_CLOSE_MS       longest wait for an expected close (default 1000)
 *   HFTP_SILENCE_MS     how long "sends nothing" is watched (default 250)
 *   HFTP_PROFILE        the statement year to judge by (default: reference for the bundled
 *                       server, course-2024 for any other), as the CLI's --profile
 *   HFTP_STRICT         1: should rules fail instead of warning (the CLI's --strict)
 *   HFTP_CAPABILITIES   the capabilities in force, comma-separated (default: the profile's)
 *   HFTP_MAX_ERRORS     the target's error limit, for the error-limit rule (default 5)
 *   HFTP_SEED           the seed of the fuzzing scenarios (default 2026)
 *   HFTP_LANG           es or en (default from LC_ALL, LC_MESSAGES, LANG)
 *
 * With neither HFTP_SERVER nor HFTP_HOST, the bundled reference server is started.
 */
import { DEFAULT_PORT } from '../protocol/wire';
import { langFromEnvironment, type Lang } from '../i18n';
import { CAPABILITIES, DEFAULT_PROFILE, isCapability, PROFILES, type Capability } from './profiles';

export interface RunConfig {
  target: { kind: 'reference' } | { kind: 'spawn'; command: string; cwd?: string } | { kind: 'attach'; host: string; port: number; dataDir?: string };
  timeoutMs: number;
  closeTimeoutMs: number;
  silenceMs: number;
  capabilities: Capability[];
  maxErrors: number;
  /** The seed of the fuzzing scenarios (ROBUST-4); default DEFAULT_SEED. */
  seed?: number;
  /** The language of what a student reads; default English. */
  lang?: Lang;
  /** The profile the run is judged by (a key of PROFILES), and whether should rules fail. */
  profile?: string;
  strict?: boolean;
}

/** The profile a run is judged by when none is named: the bundled server's own, or the course's. */
export function defaultProfile(target: RunConfig['target']): string {
  return target.kind === 'reference' ? 'reference' : DEFAULT_PROFILE;
}

/** The fuzzing seed when none is given. */
export const DEFAULT_SEED = 2026;

/** HFTP_SEED's text as the fuzzing seed: a whole number, or DEFAULT_SEED (unset, empty or anything else). */
export function seedFromText(text: string | undefined): number {
  return text && /^\d+$/.test(text) ? Number(text) : DEFAULT_SEED;
}

/**
 * The defaults of a run, in one place. The read timeout is the course script's own (3 s):
 * the suite is never tighter than the course on what the course checks.
 */
export const RUN_DEFAULTS = { timeoutMs: 3000, closeTimeoutMs: 1000, silenceMs: 250, maxErrors: 5 } as const;

/** The environment's configuration: the profile, strictness, seed and language always set. */
export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): RunConfig & Required<Pick<RunConfig, 'profile' | 'strict' | 'seed' | 'lang'>> {
  const number = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max}, not ${JSON.stringify(text)}`);
    return value;
  };
  let target: RunConfig['target'] = { kind: 'reference' };
  if (env.HFTP_SERVER) target = { kind: 'spawn', command: env.HFTP_SERVER, cwd: env.HFTP_SERVER_CWD || undefined };
  else if (env.HFTP_HOST || env.HFTP_PORT)
    target = { kind: 'attach', host: env.HFTP_HOST || '127.0.0.1', port: number('HFTP_PORT', DEFAULT_PORT, 65535), dataDir: env.HFTP_DATA_DIR || undefined };
  const profile = env.HFTP_PROFILE || defaultProfile(target);
  if (!PROFILES[profile]) throw new Error(`HFTP_PROFILE: unknown profile "${profile}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return {
    target,
    profile,
    strict: env.HFTP_STRICT === '1' || PROFILES[profile].strict,
    timeoutMs: number('HFTP_TIMEOUT_MS', RUN_DEFAULTS.timeoutMs),
    closeTimeoutMs: number('HFTP_CLOSE_MS', RUN_DEFAULTS.closeTimeoutMs),
    silenceMs: number('HFTP_SILENCE_MS', RUN_DEFAULTS.silenceMs),
    capabilities: env.HFTP_CAPABILITIES === undefined ? [...PROFILES[profile].capabilities] : capabilities(env.HFTP_CAPABILITIES),
    maxErrors: number('HFTP_MAX_ERRORS', RUN_DEFAULTS.maxErrors),
    seed: seedFromText(env.HFTP_SEED),
    lang: langFromEnvironment(env),
  };
}

function capabilities(text: string): Capability[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isCapability(name));
  if (unknown.length) throw new Error(`HFTP_CAPABILITIES: unknown capability ${unknown.join(', ')} (known: ${CAPABILITIES.join(', ')})`);
  return names as Capability[];
}
