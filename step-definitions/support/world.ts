import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { Pickle } from '@cucumber/messages';
import { escapeBytes } from '../../src/client/escape';
import { HftpConnection } from '../../src/client/hftp-connection';
import type { PaddedLine } from '../../src/client/line-padding';
import type { StatusLine } from '../../src/client/status-line';
import { Transcript } from '../../src/client/transcript';
import { ruleOfTags, type Rule } from '../../src/conformance/rules';
import type { ManagedDirectory } from '../../src/target/managed-directory';
import { currentSession } from '../../src/target/session';
import type { Suite } from '../../src/target/suite';
import type { Failure, Finding, ScenarioRecord, Skip } from '../../src/conformance/scenario-record';
import { failureMessage } from './failure-message';
import type { Lang } from '../../src/i18n';
import type { ReproStep } from '../../src/report/repro-steps';

/** One client's slice request among several at once: `get_slice FILE OFFSET SIZE\r\n` on client NAME. */
export interface AskedSlice {
  name: string;
  file: string;
  offset: number;
  size: number;
}

/** What a fuzzing step found: its seed, and its failure (null when every answer was fine). */
export interface FuzzRun {
  seed: number;
  failure: { expected: string; received: string } | null;
}

/** How long a client leaving a server that does not close after quit waits for it. */
const LEFT_OPEN_WAIT_MS = 100;

/**
 * The state of one scenario: its connections (by client name, "A" unless a step names
 * another), the transcript they share, and the rule the scenario checks.
 */
export class HftpWorld extends World {
  readonly transcript = new Transcript();
  /** The rule this scenario checks, from its tag. */
  rule: Rule | null = null;
  /** The text of the step running now, for failure messages. */
  stepText = '';
  /** The client that the last step named; server-side steps are about its connection. */
  current = 'A';
  /** The scenario's first failure, as data. */
  failed: Failure | null = null;
  /** Why the scenario was skipped, as data. */
  skipped: Skip | null = null;
  readonly observations: string[] = [];
  /** The answers chosen among the allowed ones (info rules), as data for the class matrix. */
  readonly choices: string[] = [];
  /** Evidence against other rules than this scenario's own. */
  readonly findings: Finding[] = [];
  /** The scenario's name, for reproducers. */
  scenarioName = '';
  /** Tags of the scenario. */
  tags: string[] = [];
  /**
   * What the reproducer sends, when it is not the transcript: the fuzzing scenarios set the
   * shrunk sequence here before they fail.
   */
  reproduction: { steps: ReproStep[]; caveats: string[] } | null = null;
  /** Set when a fresh client of this scenario got no answer at all: the server stopped serving. */
  unserved: string | null = null;
  /** A client of this scenario went away without quit while the server still had it open. */
  leftAbruptly = false;
  /** The last status each client received. */
  readonly lastStatus = new Map<string, StatusLine | 'closed'>();
  /** Fresh clients this scenario opened ("a new client that sends ..."), to name the next one. */
  freshClients = 0;
  /** The slices that "N clients each ask at once" asked for, one per client. */
  askedSlices: AskedSlice[] = [];
  /** The fuzzing run of this scenario, for the step that judges it. */
  fuzzRun: FuzzRun | null = null;
  private readonly connections = new Map<string, HftpConnection>();
  /** Every connection of the scenario, closed ones too (for what they read: padded lines). */
  private readonly everyConnection: HftpConnection[] = [];

  constructor(options: IWorldOptions) {
    super(options);
  }

  get suite(): Suite {
    return currentSession();
  }

  get directory(): ManagedDirectory | null {
    return this.suite.target.directory;
  }

  /** Read the rule ID from the scenario's tags. */
  begin(pickle: Pickle): void {
    const { rule, levelTag } = ruleOfTags(pickle.tags.map((tag) => tag.name));
    this.rule = rule;
    this.scenarioName = pickle.name;
    this.tags = pickle.tags.map((tag) => tag.name);
    if (!levelTag) throw new Error(`scenario "${pickle.name}" has no level tag`);
  }

  /** The connection of client `name` (default: the current client), connecting on first use. */
  async client(name = this.current): Promise<HftpConnection> {
    this.current = name;
    let connection = this.connections.get(name);
    if (!connection) {
      connection = await HftpConnection.connect({
        host: this.suite.target.host,
        port: this.suite.target.port,
        timeoutMs: this.suite.config.timeoutMs,
        label: name,
        transcript: this.transcript,
      });
      this.connections.set(name, connection);
      this.everyConnection.push(connection);
    }
    return connection;
  }

  /** The lines of this scenario the server padded with spaces or tabs before the CR LF (STATUS-7), and how many in all. */
  paddedLines(): { lines: PaddedLine[]; count: number } {
    return {
      lines: this.everyConnection.flatMap((connection) => connection.paddedLines),
      count: this.everyConnection.reduce((sum, connection) => sum + connection.paddedLineCount, 0),
    };
  }

  /**
   * Bytes a server sends beyond its answers (an empty line after an error, a stray "0 OK")
   * are the concern of the rule the catalogue marks `judgesStrayBytes` (STATUS-6): its
   * scenarios judge them; every other rule steps over them, with a note (`send`, and the
   * status and close expectations), and is judged on its own concern.
   */
  get judgesStrayBytes(): boolean {
    return this.rule?.judgesStrayBytes === true;
  }

  /**
   * Send a request on `name`'s connection. Bytes the server sent after the answers the
   * steps read (an empty line after an error, a stray "0 OK") are dropped first, with a
   * note: they are STATUS-6's concern, whose own scenarios check for them, and must not
   * be taken for the answer to this request.
   */
  async send(name: string, bytes: Buffer): Promise<void> {
    const connection = await this.client(name);
    if (connection.unread > 0 && !this.judgesStrayBytes) {
      const stray = await connection.readBytes(connection.unread);
      this.note(
        `${name}: ${stray.length} bytes after the last answer read, dropped before the next request: "${escapeBytes(stray.subarray(0, 60))}" (STATUS-6 judges that)`,
      );
    }
    await connection.send(bytes);
  }

  /**
   * Forget a client, closing its connection without quit (the scenario's abrupt client),
   * so that naming it again connects anew.
   */
  forget(name: string): void {
    const connection = this.connections.get(name);
    if (connection && !connection.closed) this.leftAbruptly = true;
    connection?.close();
    this.connections.delete(name);
  }

  /** After the scenario: every client still connected leaves as a good client does (quit). */
  async leaveAll(): Promise<void> {
    const suite = this.suite;
    const leaving = [...this.connections.values()].map((connection) => connection.leave(suite.leaveWaitMs));
    this.connections.clear();
    // A server that does not close after quit (QUIT-1 judges that) is not waited for again:
    // the quit reaches it before our own close all the same.
    if ((await Promise.all(leaving)).includes('left open')) suite.leaveWaitMs = Math.min(suite.leaveWaitMs, LEFT_OPEN_WAIT_MS);
  }

  /** Record what the target did (an answer among the allowed ones, a count): for the reports, and printed. */
  note(text: string, choice?: string): void {
    this.observations.push(text);
    if (choice !== undefined) this.choices.push(choice);
    this.log(text);
  }

  /** Skip this scenario, saying why (a capability that is off, or a run that can no longer judge). */
  skip(reason: string, notJudged = false): 'skipped' {
    this.skipped = { reason, notJudged };
    this.log(`${notJudged ? 'not judged' : 'skipped'}: ${reason}`);
    return 'skipped';
  }

  /** The scenario as data, attached for the reports. */
  record(): ScenarioRecord {
    return {
      failure: this.failed,
      skip: this.skipped,
      observations: this.observations,
      choices: this.choices,
      findings: this.findings,
      transcript: this.transcript.toData(),
    };
  }

  closeAll(): void {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }

  /** The language of what a student reads. */
  get lang(): Lang {
    return this.suite.config.lang ?? 'en';
  }

  /**
   * Turn whatever a step threw into the message a student reads (failure-message.ts); the
   * scenario's first failure is kept as data for the reports.
   */
  failure(error: unknown): Error {
    const { error: failure, record } = failureMessage(this, error);
    this.failed ??= record;
    return failure;
  }
}

setWorldConstructor(HftpWorld);
