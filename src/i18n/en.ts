/**
 * Every sentence a student reads, in English. `es.ts` has the same keys (a test checks it).
 * Rule IDs, wire bytes and the protocol's status texts are never translated.
 */
export const en = {
  // summary table
  'summary.header': ['RULE', 'LEVEL', 'RESULT', 'WHY'],
  'summary.label.failed': 'FAIL',
  'summary.label.warning': 'warn',
  'summary.label.info': 'info',
  'summary.label.notJudged': 'not judged',
  'summary.label.passed': 'pass',
  'summary.label.skipped': 'skip',
  'summary.stopped': (why: string) => `The run stopped judging: ${why}.`,
  'summary.stoppedAdvice': 'Rules marked "not judged" were neither passed nor failed: fix what failed first, then run again.',
  // verdict line
  'verdict.conformant': (profile: string, tally: string) => `CONFORMANT to ${profile}: ${tally}.`,
  'verdict.notConformant': (profile: string, what: string, tally: string) => `NOT CONFORMANT to ${profile}: ${what}; ${tally}.`,
  'verdict.rulesFailed': (n: number, ids: string) => `${n} rule${n === 1 ? '' : 's'} failed (${ids})`,
  'verdict.ruleless': (n: number) => `${n} scenario${n === 1 ? '' : 's'} without a known rule`,
  'verdict.and': ' and ',
  'tally.passed': (n: number) => `${n} passed`,
  'tally.failed': (n: number) => `${n} failed`,
  'tally.warning': (n: number) => `${n} warning${n === 1 ? '' : 's'}`,
  'tally.info': (n: number) => `${n} info`,
  'tally.notJudged': (n: number) => `${n} not judged`,
  'tally.skipped': (n: number) => `${n} skipped`,
  // failure message
  'failure.noRule': 'no rule tag',
  'failure.allowed': 'allowed:  ',
  'failure.risk': 'risk:     ',
  'failure.step': 'step:     ',
  'failure.expected': 'expected: ',
  'failure.received': 'received: ',
  'failure.error': 'error:    ',
  'failure.hint': 'hint:     ',
  'failure.transcript': 'wire transcript:',
  'failure.reproducer': 'reproducer (save as repro.py, start your server on the fixture set, run python3 repro.py PORT):',
  'failure.shell': 'or, in one line:',
  // run
  'run.testing': (target: string, where: string, profile: string, strict: boolean, caps: string) =>
    `Testing ${target} (${where}) against profile ${profile}${strict ? ', strict' : ''}; capabilities: ${caps}.`,
  'run.none': 'none',
  'run.failures': 'Failures:',
  'run.scenario': 'Scenario:',
  'run.cannotTest': (why: string) => `Cannot test: ${why}`,
  'run.warning': (text: string) => `warning: ${text}`,
  'run.noScenario': 'No scenario ran (check --tags).',
  'replay.noMatch': (what: string) => `No scenario matches "${what}": give a rule ID (FRAME-4) or a scenario's name, or part of it.`,
  'replay.title': (name: string, outcome: string) => `--- ${name}: ${outcome}`,
  'replay.transcript': 'full wire transcript:',
  // preflight
  'preflight.noConnection': (where: string, reason: string) => `Nothing accepts connections on ${where}: ${reason}. Is the server running, on that port?`,
  'preflight.neverAnswers': (where: string, how: string) =>
    `The server at ${where} accepts connections but never answers: ${how}. Does it answer requests that end in CR LF, on that port?`,
  'preflight.nothingWithin': (seconds: string, request: string) => `nothing came within ${seconds} s of "${request}"`,
  'preflight.closedWithoutWord': (request: string) => `it closed the connection without a word after "${request}"`,
  'preflight.outOfTime': (name: string) => `the fixture check ran out of time before ${name}`,
  'preflight.oddAnswer': (name: string, code: number, text: string) => `get_metadata ${name} answered ${code} ${text}`,
  'preflight.unconfirmed': (why: string) => `could not confirm the fixture set: ${why}`,
  'preflight.missing': (name: string) => `${name} is missing`,
  'preflight.alsoServes': (names: string) => `it also serves ${names}`,
  'preflight.givenDirectory': (dir: string) => `the directory it was given (${dir}): does it take the directory from -d?`,
  'preflight.fixtureSet': 'the fixture set: write it with `hftp-conformance fixtures DIR` and serve DIR',
  'preflight.wrongDirectory': (where: string, directory: string, wrong: string) => `The server at ${where} does not serve ${directory} (${wrong}).`,
  'preflight.listedButRefused': (names: string) => `get_metadata answered 202 for ${names}, which the listing names: the rules will judge it`,
  'preflight.freshCopy': '; if the served directory is not a fresh copy of the fixture set, write one with `hftp-conformance fixtures DIR`',
  'preflight.otherSizes': (sizes: string, copy: string) =>
    `get_metadata gives other sizes than the fixtures' (${sizes}): the rules will judge it (META-1)${copy}`,
  'preflight.size': (name: string, size: number, expected: number) => `${name}: ${size} bytes, not ${expected}`,
  // CLI help
  'cli.description': 'Check an HFTP server against the protocol, rule by rule.',
  'cli.helpAfterError': '(hftp-conformance --help shows the options)',
  'cli.examples': `
Examples:
  hftp-conformance --server "python3 server.py -p {port} -d {dir}"   the suite starts your server
  hftp-conformance --host 192.168.0.7 --port 19500                    your server is running
  hftp-conformance fixtures testdata                                  write the files it must serve
  hftp-conformance replay FRAME-4 --server "python3 server.py -p {port} -d {dir}"
                                                                      rerun one rule, with its transcript

Exit status: 0 conformant, 1 not conformant, 2 could not test.`,
  'cli.run': 'run the conformance suite against a server (the default command)',
  'cli.profile': (def: string) => `statement year to check against (default ${def}; reference for the bundled server)`,
  'cli.with': (caps: string) => `switch a capability on (${caps})`,
  'cli.without': 'switch a capability off',
  'cli.maxErrors': "the server's error limit, for the error-limit capability",
  'cli.strict': 'should rules fail instead of warning',
  'cli.tags': 'run only some scenarios, e.g. "@FRAME-4 or @LIST-1"',
  'cli.timeout': (ms: number) => `longest wait for an expected byte (default ${ms}, the course's own)`,
  'cli.junit': 'write a JUnit XML report',
  'cli.json': 'write a JSON report, with transcripts and reproducers',
  'cli.html': "write cucumber's HTML report",
  'cli.seed': 'seed of the fuzzing scenarios (ROBUST-4), to replay a run (default 2026, or HFTP_SEED)',
  'cli.lang': 'language of what the suite prints: es or en (default from LANG, LC_ALL, LC_MESSAGES)',
  'cli.fixtures': 'write the fixture set (the files a tested server must serve) into a directory',
  'cli.fixturesWrote': (n: number, dir: string, names: string) => `Wrote ${n} files to ${dir}: ${names}`,
  'cli.profiles': 'list the profiles and their capabilities',
  'cli.capabilities': 'capabilities',
  'cli.replay': 'rerun one scenario (or every scenario of a rule) against the target, with its full transcript and reproducer',
  'cli.replayArg': 'a rule ID (FRAME-4) or a scenario name (or part of it)',
  'cli.help': 'display help for command',
  'cli.helpCommand': 'display help for command',
  'cli.opt.server': 'start the server with this command; {port} and {dir} are filled in',
  'cli.opt.cwd': 'directory to start the server in (with --server)',
  'cli.opt.host': 'test a server that is already running, at this host',
  'cli.opt.port': 'its port',
  'cli.opt.dataDir': 'the directory the running server serves, for the suite to manage (with --host/--port)',
  'cli.bench': 'measure a server: large-slice throughput, request rate and latency, concurrency, memory',
  'cli.default': 'default',
  'cli.choices': 'choices',
  'cli.env': 'env',
  'cli.usageOptions': '[options]',
  'cli.usageCommand': '[command]',
  'cli.usage': 'Usage:',
  'cli.options': 'Options:',
  'cli.commands': 'Commands:',
  'cli.arguments': 'Arguments:',
  // reproducer
  'repro.attached': (where: string) => `Your server, serving the fixture set, at ${where}.`,
  'repro.start': 'Start your server on the fixture set first: hftp-conformance fixtures testdata; python3 server.py -p 19500 -d testdata',
  'repro.managedDir': 'This scenario changed the served directory first (see its Given steps in the feature file): serve the same files.',
  // fuzzing (ROBUST-4)
  'fuzz.seed': (seed: number) => `seed ${seed} (replay with --seed ${seed}, or HFTP_SEED=${seed})`,
  'fuzz.shrunk': (requests: number, clients: number, from: number, shrinks: number, seconds: string) =>
    `shrunk to ${requests} request${requests === 1 ? '' : 's'} on ${clients} connection${clients === 1 ? '' : 's'} (from ${from}; ${shrinks} smaller sequences tried in ${seconds} s)`,
  'fuzz.notShrunk': 'not shrunk: the suite did not start this server, so it cannot restart it between attempts',
  'fuzz.budget': (seconds: number) => `shrinking stopped at its ${seconds} s budget: the sequence may not be the smallest`,
  'fuzz.notRestarted': 'not shrunk further: the server could not be restarted',
  'fuzz.silent': 'not shrunk: the server sent nothing at all in this sequence',
  'fuzz.minimal': 'the smallest failing sequence:',
  'fuzz.answers': (text: string) => `answers: ${text}`,
  'fuzz.runs': (runs: number, clients: number, requests: number) => `${runs} random sequences, ${clients} clients, ${requests} requests`,
} as const;

export type Messages = {
  [K in keyof typeof en]: (typeof en)[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : (typeof en)[K] extends readonly string[]
      ? readonly string[]
      : string;
};
