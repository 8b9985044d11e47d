import { configFromEnvironment, type RunConfig } from './config';
import { ManagedDirectory } from './managed-directory';
import { AttachedServer, REFERENCE_SERVER_COMMAND, SpawnedServer, type Target } from './target';
import { loadFixtureSet, type Fixture } from '../fixtures/fixture-set';

/**
 * What every scenario of a run shares: the configuration, the target and the fixture set.
 * Started once before the first scenario (by the CLI, or by the cucumber hooks when run
 * directly), stopped after the last.
 */
export class Suite {
  constructor(
    readonly config: RunConfig,
    readonly target: Target,
    readonly fixtures: Map<string, Fixture> = loadFixtureSet(),
  ) {}

  /** Start (or attach to) the configured target. */
  static async start(config: RunConfig = configFromEnvironment()): Promise<Suite> {
    const spec = config.target;
    if (spec.kind === 'attach') {
      const directory = spec.dataDir ? await ManagedDirectory.adopt(spec.dataDir) : null;
      return new Suite(config, new AttachedServer(spec.host, spec.port, directory));
    }
    const directory = await ManagedDirectory.createTemporary();
    const command = spec.kind === 'spawn' ? spec.command : REFERENCE_SERVER_COMMAND;
    const cwd = spec.kind === 'spawn' ? spec.cwd : undefined;
    try {
      return new Suite(config, await SpawnedServer.start(command, directory, { cwd }));
    } catch (error) {
      await directory.remove();
      throw error;
    }
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
