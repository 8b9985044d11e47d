import { configFromEnvironment, type RunConfig } from '../conformance/config';
import { ManagedDirectory } from './managed-directory';
import { AttachedServer, REFERENCE_SERVER_COMMAND, SpawnedServer, type Target } from './target';
import { loadFixtureSet, type Fixture } from '../fixtures/fixture-set';
import { FAULTS_VARIABLE } from '../reference-server/fault-switch';

/** Failed scenarios in a row with not one byte from the target, after which the run ends. */
export const SILENT_SCENARIOS_IN_A_ROW = 5;

/** Names the reference server, as the suite starts it, cannot read. */
export const UNREADABLE_PREFIX = 'unreadable';

/**
 * What every scenario of a run shares: the configuration, the target and the fixture set.
 * Started once before the first scenario (by the CLI, or by the cucumber hooks when run
 * directly), stopped after the last.
 */
export class Suite {
  /**
   * Set when the run can no longer judge the target (it stopped serving and cannot be
   * restarted, or it answers nothing at all): the remaining scenarios are reported "not
   * judged", neither passed nor failed, and the run ends promptly.
   */
  notJudged: string | null = null;
  /** Failed scenarios in a row in which the target sent no byte at all. */
  silentInARow = 0;
  /** The phase of the last scenario that ran (phases.ts: damage last). */
  phase = 0;
  /** How long a client leaving after a scenario waits for the server's close after its quit. */
  leaveWaitMs: number;

  constructor(
    readonly config: RunConfig,
    readonly target: Target,
    /** The target is the reference server with its test-only fault switch on. */
    readonly faultSwitch = false,
    readonly fixtures: Map<string, Fixture> = loadFixtureSet(),
  ) {
    this.leaveWaitMs = config.closeTimeoutMs;
  }

  /** Start (or attach to) the configured target. */
  static async start(config: RunConfig = configFromEnvironment()): Promise<Suite> {
    const spec = config.target;
    const fixtures = loadFixtureSet(); // once: what the directory gets is what the scenarios expect
    if (spec.kind === 'attach') {
      const directory = spec.dataDir ? await ManagedDirectory.adopt(spec.dataDir, fixtures) : null;
      return new Suite(config, new AttachedServer(spec.host, spec.port, directory), false, fixtures);
    }
    const directory = await ManagedDirectory.createTemporary(fixtures);
    const command = spec.kind === 'spawn' ? spec.command : REFERENCE_SERVER_COMMAND;
    const cwd = spec.kind === 'spawn' ? spec.cwd : undefined;
    // The bundled reference server gets its test-only fault switch: files named unreadable*
    // fail to open, so the internal-error rule is tested even where root can read anything.
    const env = spec.kind === 'reference' ? { [FAULTS_VARIABLE]: UNREADABLE_PREFIX } : undefined;
    try {
      return new Suite(config, await SpawnedServer.start(command, directory, { cwd, env }), env !== undefined, fixtures);
    } catch (error) {
      await directory.remove();
      throw error;
    }
  }

  /**
   * How a file can be made unreadable to the target: chmod where the suite does not run as
   * root; the reference server's fault switch where it does; no way otherwise.
   */
  get unreadableFiles(): 'chmod' | 'fault-switch' | null {
    if (process.getuid?.() !== 0) return 'chmod';
    return this.faultSwitch ? 'fault-switch' : null;
  }

  /**
   * How long the check after each scenario waits for a fresh client to be served: one read
   * timeout, the course's own wait for an answer.
   */
  get healthTimeoutMs(): number {
    return this.config.timeoutMs;
  }

  fixture(name: string): Fixture {
    const fixture = this.fixtures.get(name);
    if (!fixture) throw new Error(`"${name}" is not a fixture (known: ${[...this.fixtures.keys()].join(', ')})`);
    return fixture;
  }

  async stop(): Promise<void> {
    await this.target.stop();
    await this.target.directory?.remove();
  }
}
