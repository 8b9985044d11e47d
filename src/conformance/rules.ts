/**
 * The rule catalogue: every rule the feature files encode, with its stable ID and level.
 * IDs are never renumbered and retired IDs are never reused. The feature files tag each
 * Rule with one of these IDs and its level, and title it with `ruleTitle`; rules.test.ts
 * checks the two agree.
 */
export const LEVELS = ['must', 'should', 'ext', 'info'] as const;
export type Level = (typeof LEVELS)[number];

/** What each level asks of a target, as docs/PROTOCOL.md explains it. */
export const LEVEL_MEANING: Readonly<Record<Level, string>> = {
  must: 'the statements require it; a failure makes the server not conformant',
  should: 'robustness the statements ask for in general words; a failure is a warning, unless the run is strict',
  ext: 'an extension a server opts into (a capability); when the capability is on, it is required like a must rule',
  info: 'the statements are silent; every allowed answer passes, and the run records which one it saw',
};

/**
 * What a failed scenario of this level counts as: a failure (`required`), a warning, or an
 * answer the run only records. The verdict judges by it, and the document's profile columns
 * say it, so the two cannot disagree.
 */
export function enforcement(level: Level, strict: boolean): 'required' | 'warn' | 'info' {
  if (level === 'info') return 'info';
  if (level === 'should' && !strict) return 'warn';
  return 'required';
}

export interface Rule {
  id: string;
  level: Level;
  /** The rule in one sentence. */
  summary: string;
  /** What a conforming target may do, where more than one behaviour is allowed. */
  allowed?: string;
  /** The capability that switches the rule on (ext rules, and must rules of later years). */
  capability?: string;
  /** Should rules: the real risk a warning points at (a warning must inform). */
  risk?: string;
  /**
   * The rule judges bytes a server sends beyond its answers (an empty line after an error, a
   * stray "0 OK"): its scenarios fail on them. Every other rule's scenarios step over them,
   * with a note, and are judged on their own concern.
   */
  judgesStrayBytes?: boolean;
}

const rule = (id: string, level: Level, summary: string, extra: Partial<Rule> = {}): Rule => ({ id, level, summary, ...extra });

export const RULES: readonly Rule[] = [
  // Framing
  rule('FRAME-1', 'must', 'a request ends at CR LF, and the answer follows it'),
  rule('FRAME-2', 'must', 'several requests in one segment are each answered, in order'),
  rule('FRAME-3', 'must', 'a request split over many segments is answered once it is complete'),
  rule('FRAME-4', 'must', 'a LF not preceded by CR gets 100, then the connection closes'),
  rule('FRAME-5', 'should', 'a bare LF with no CR LF ever sent is answered within the read timeout', {
    risk: 'a client that ends its lines with LF alone (as many do) waits forever for an answer',
  }),
  rule('FRAME-6', 'info', 'a CR not followed by LF (the statements do not say)', {
    allowed: '100 then close, 101 then close, 200, 201, or a close without any status',
  }),
  rule('FRAME-7', 'info', 'an empty line (the statements before 2026 do not say)', { allowed: 'no answer (ignored), 200, 201, or 101 then close' }),
  rule('FRAME-8', 'info', 'extra spaces and tabs between elements (the statements do not say)', {
    allowed: '0 (tolerated: answered as if single spaces), 200, 201, or 101 then close',
  }),
  rule('FRAME-9', 'must', 'a 5 MiB request line is read whole and answered, and the server keeps serving'),
  // Status line and connection
  rule('STATUS-1', 'must', 'a status line is <digits> <non-empty text>\\r\\n'),
  rule('STATUS-2', 'must', 'after a 1xx status the server closes the connection and answers nothing more'),
  rule('STATUS-3', 'must', 'after a 2xx status the connection stays open and the next request is answered'),
  rule('STATUS-4', 'ext', 'a failure inside the server (a file it cannot read) gets 199, then close', { capability: 'internal-error' }),
  rule('STATUS-5', 'info', "the status texts are the implementer's (any non-empty text)", { allowed: 'any non-empty text' }),
  rule('STATUS-6', 'must', 'each request gets exactly one response, and nothing is sent unasked', { judgesStrayBytes: true }),
  rule('STATUS-7', 'should', 'no space or tab before the CR LF of any line the server sends', {
    risk:
      'the course client strips every line it reads, so it does not notice; a client that does not strip reads the spaces as part of the line: ' +
      'int("41 ") works in Python, but a byte-exact comparison with "41" does not, a listed name "bar " names no file, and a base64 decoder that does not skip them fails',
  }),
  // Commands
  rule('CMD-1', 'must', 'an unknown command gets 200'),
  rule('CMD-2', 'info', 'a command name in another case (the statements do not say)', { allowed: '200, or accepted' }),
  rule('LIST-1', 'must', 'a listing is 0 OK, one name per line, then an empty line'),
  rule('LIST-2', 'must', 'the listing names exactly the files served, in any order', { allowed: 'any order' }),
  rule('LIST-3', 'must', 'an empty directory lists as "0 OK\\r\\n\\r\\n"'),
  rule('LIST-4', 'must', 'get_file_listing with arguments gets 201'),
  rule('LIST-5', 'info', 'what else a directory holds may be listed or not (the statements do not say)', { allowed: 'listed or not' }),
  rule('META-1', 'must', 'get_metadata gives 0 OK and the size in bytes, in decimal'),
  rule('META-2', 'must', 'get_metadata of a missing file gets 202'),
  rule('META-3', 'must', 'get_metadata with no argument, or more than one, gets 201'),
  rule('SLICE-1', 'must', 'the payload is the base64 of exactly the requested bytes', {
    allowed: 'one base64 line, or several independently padded lines that decode to SIZE bytes in all',
  }),
  rule('SLICE-2', 'must', 'OFFSET + SIZE equal to the file size is valid, and SIZE 0 gives an empty payload line'),
  rule('SLICE-3', 'must', 'OFFSET + SIZE beyond the file size gets 203'),
  rule('SLICE-4', 'must', 'a non-integer or negative OFFSET or SIZE, or a wrong argument count, is refused', {
    allowed: 'non-integer or wrong count: 201; negative: 201 or 203',
  }),
  rule('SLICE-5', 'must', 'get_slice of a missing file gets 202'),
  rule('SLICE-6', 'must', 'a 33 MB file sliced whole arrives intact'),
  rule('SLICE-7', 'info', 'numbers written "+5", "005" or beyond 2^64 (the statements do not say)', { allowed: '201, or read as numbers (then 0 or 203)' }),
  rule('SLICE-8', 'info', 'which check wins when several fail (the statements do not say)', { allowed: '201 or 202' }),
  rule('QUIT-1', 'must', 'quit gives 0 OK, then the server closes within 0.5 s'),
  rule('QUIT-2', 'must', 'quit with arguments gets 201, and the connection stays open'),
  rule('QUIT-3', 'should', 'requests pipelined after quit are not answered', {
    risk: 'answers after the 0 OK of quit reach a client that has stopped reading',
  }),
  // Names and safety
  rule('NAME-1', 'should', 'a name that leaves the served directory never gets 0 OK', {
    allowed: '201 or 202',
    risk: 'any client can read files outside the served directory (/etc/passwd, your home)',
  }),
  rule('NAME-2', 'info', 'a name with other characters that does exist on disk (the statements do not say)', { allowed: '0, 201 or 202' }),
  rule('NAME-3', 'info', "a symlink the directory's owner placed inside, pointing outside (the statements do not say)", { allowed: 'served (0), 201 or 202' }),
  // Extensions
  rule('ASCII-1', 'ext', 'a request with a byte above 0x7f gets 101, then close', { capability: 'ascii-check' }),
  rule('ASCII-2', 'info', 'a byte above 0x7f, for a server without the ASCII check (the statements do not say)', {
    allowed: '200, 201, 202, 100, 101 or 199 then close, or a close; other clients still served',
  }),
  rule('LIMIT-1', 'ext', 'after MAX_ERRORS error answers on one connection, the next request gets 101, then close', { capability: 'error-limit' }),
  rule('CONC-1', 'must', 'while client A is connected and idle, client B is served', { capability: 'concurrency' }),
  rule('CONC-2', 'must', 'two clients at once each receive their own correct slice', { capability: 'concurrency' }),
  rule('CONC-3', 'must', 'a fatal error or an abrupt drop on one connection does not disturb another', { capability: 'concurrency' }),
  rule('CONC-4', 'should', '50 clients at once are each served their own correct slice within 10 s', {
    capability: 'concurrency',
    risk: "a class-sized crowd of clients waits, or gets another client's bytes",
  }),
  rule('HELP-1', 'ext', 'help gives 0 OK, one command name per line, then an empty line', { capability: 'hftp-2026' }),
  rule('RAW-1', 'ext', 'get_slice F O S raw gives 0 OK, a Content-Length header, an empty line, then S raw bytes', { capability: 'hftp-2026' }),
  rule('RAW-2', 'ext', 'a fifth get_slice token other than raw gets 201', { capability: 'hftp-2026' }),
  rule('EMPTY-1', 'ext', 'an empty line gets 101, then close', { capability: 'hftp-2026' }),
  // Robustness
  rule('ROBUST-1', 'must', 'clients that go away without quit do not stop the server serving the next client'),
  rule('ROBUST-2', 'should', 'a client reset in the middle of a large slice does not stop the server', {
    risk: 'one client that crashes while downloading takes the server down for everybody',
  }),
  rule('ROBUST-3', 'should', 'a 100 MiB line with no LF never makes the server fail', {
    risk: 'a server that keeps buffering a line that never ends can be made to run out of memory by any client',
  }),
  rule('ROBUST-4', 'should', 'random bytes never stop the server', { risk: 'one malformed request from any client takes the server down for everybody' }),
  rule('ROBUST-5', 'should', '200 idle connections do not prevent a new client from being served', {
    capability: 'concurrency',
    risk: 'anybody who opens connections and says nothing locks every other client out',
  }),
  rule('ROBUST-6', 'should', 'the 5 MiB request line of FRAME-9 is answered within 10 s of its last byte', {
    risk: 'line buffering that rescans the whole buffer at every read is quadratic: a longer line keeps the server busy for minutes',
  }),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/**
 * The title of the rule's `Rule:` block in its feature file. Readers of a feature see the
 * title, not this catalogue, so it carries the summary too; rules.test.ts compares each
 * title with this.
 */
export function ruleTitle(rule: Rule): string {
  return `${rule.id}: ${rule.summary}`;
}

/** A rule ID as it appears in a tag: `@FRAME-4`. */
export const RULE_TAG = /^@([A-Z]+-[0-9]+)$/;
export const LEVEL_TAGS: readonly string[] = LEVELS.map((level) => `@${level}`);

/** What a scenario's (or a `Rule:` block's) tags say about its rule. */
export interface RuleOfTags {
  /** The ID of the first rule-ID tag, known to the catalogue or not. */
  id: string | null;
  /** That rule in the catalogue. */
  rule: Rule | null;
  /** The level tag, if any. */
  levelTag: Level | null;
  /** The level the run judges by: the level tag, else the catalogue's. */
  level: Level | null;
}

/**
 * The one reading of rule tags, for the run (world, verdict) and for docs/PROTOCOL.md.
 * The tags win: the level tag before the catalogue's level, as the scenario is run with its
 * tags. rules.test.ts holds tags and catalogue equal, so the order only matters while they
 * disagree. `lookup` is the catalogue (another one in tests).
 */
export function ruleOfTags(tags: readonly string[], lookup: (id: string) => Rule | undefined = ruleById): RuleOfTags {
  const id = tags.map((tag) => RULE_TAG.exec(tag)?.[1]).find(Boolean) ?? null;
  const levelTag = (tags.find((tag) => LEVEL_TAGS.includes(tag))?.slice(1) as Level | undefined) ?? null;
  const entry = (id && lookup(id)) || null;
  return { id, rule: entry, levelTag, level: levelTag ?? entry?.level ?? null };
}
