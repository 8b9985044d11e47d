import * as path from 'node:path';

/**
 * The fairness zoo: typical Python student servers (server.py --variant NAME), each with
 * the profile it is judged under and the verdict a fair suite must give it. See README.md
 * beside this file for what each variant does and which rule allows it.
 *
 * expectFailed: the must rules (or ext rules switched on) that fail, exactly; [] means
 * CONFORMANT. mayWarn: should rules the variant is known to fail (warnings, not part of the
 * verdict), for information only: a harness should not assert them strictly.
 */
export interface StudentServerVariant {
  name: string;
  profile: 'course-2021' | 'course-2024' | 'course-2026' | 'reference';
  /** Extra capabilities (--with); none of the zoo declares any. */
  capabilities?: string[];
  expectFailed: string[];
  mayWarn?: string[];
  /** What the variant does, in one line. */
  story: string;
}

/** Every variant of the base frames at CR LF first, so "quit\n" alone is never answered. */
const FRAMER_WARNINGS = ['FRAME-5', 'ROBUST-3'];

export const STUDENT_SERVERS: readonly StudentServerVariant[] = [
  // ---------------------------------------------------------------- conforming
  {
    name: 'crlf-framer',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: FRAMER_WARNINGS,
    story: 'the base: buffers until CR LF, then answers 100 if the line holds a LF; "quit\\n" alone is never answered',
  },
  {
    name: 'ignores-empty-lines',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: FRAMER_WARNINGS,
    story: 'an empty line "\\r\\n" gets no answer (FRAME-7 allows it)',
  },
  {
    name: 'negative-203',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: FRAMER_WARNINGS,
    story: 'a negative OFFSET or SIZE gets 203 (SLICE-4 allows 201 or 203)',
  },
  {
    name: 'trailing-space',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: [...FRAMER_WARNINGS, 'STATUS-7'],
    story: 'every line it sends ends with a space before CR LF, empty lines too (" \\r\\n"); the course client strips lines',
  },
  {
    name: 'whole-file',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: FRAMER_WARNINGS,
    story: 'reads the whole file and builds the whole answer before its first byte (0.3 s for the 33 MB slice)',
  },
  {
    name: 'quadratic',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: FRAMER_WARNINGS,
    story: 'str buffer += data and "\\r\\n" in buffer at every recv(4096): the 5 MiB name takes about 4 s',
  },
  {
    name: 'follows-symlinks',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: FRAMER_WARNINGS,
    story: 'refuses names with "/" or "..", but serves a symlink placed in the directory (NAME-3 allows it)',
  },
  {
    name: 'one-at-a-time',
    profile: 'course-2021',
    expectFailed: [],
    mayWarn: FRAMER_WARNINGS,
    story: 'no threads: serves one client after another (concurrency is off in course-2021)',
  },
  {
    name: 'pool-5',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: [...FRAMER_WARNINGS, 'ROBUST-5'],
    story: 'a fixed pool of 5 worker threads taking accepted sockets from a queue',
  },
  {
    name: 'semaphore-2',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: [...FRAMER_WARNINGS, 'ROBUST-5'],
    story: 'a thread per client, at most 2 served at once (threading.Semaphore(2))',
  },
  // ---------------------------------------------------------------- broken
  {
    name: 'leaky-pool',
    profile: 'course-2024',
    expectFailed: ['ROBUST-1'],
    story: 'a pool of 5 workers; a worker whose client leaves without quit (EOF or reset) polls the dead socket forever',
  },
  {
    name: 'keeps-open-after-100',
    profile: 'course-2024',
    expectFailed: ['FRAME-4', 'STATUS-2'],
    mayWarn: FRAMER_WARNINGS,
    story: 'answers 100 to a bad end of line but keeps the connection open',
  },
  {
    name: 'extra-crlf-after-errors',
    profile: 'course-2024',
    expectFailed: ['STATUS-6'],
    mayWarn: [...FRAMER_WARNINGS, 'ROBUST-4'],
    story: 'sends an extra "\\r\\n" after every error status line (1xx and 2xx)',
  },
  {
    name: 'dies-on-hex',
    profile: 'course-2024',
    expectFailed: [],
    mayWarn: [...FRAMER_WARNINGS, 'ROBUST-4'],
    story: 'the whole process exits on one request only the fuzzer sends: get_slice with a number written in hex ("0x10")',
  },
];

/** The zoo's server script. */
export const STUDENT_SERVER_SCRIPT = path.join(__dirname, 'server.py');

/** The --server command that runs one variant on the suite's port and directory. */
export function studentServerCommand(name: string, python = process.env.PYTHON ?? 'python3'): string {
  return `${python} ${STUDENT_SERVER_SCRIPT} --variant ${name} -a 127.0.0.1 -p {port} -d {dir}`;
}
