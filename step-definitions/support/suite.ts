import { configFromEnvironment, type RunConfig } from '../../src/conformance/config';
import { ManagedDirectory } from '../../src/conformance/managed-directory';
import { AttachedServer, REFERENCE_SERVER_COMMAND, SpawnedServer, type Target } from '../../src/conformance/target';
import { loadFixtureSet, type Fixture } from '../../src/fixtures/fixture-set';

/**
 * What every scenario of a run shares: the configuration, the target and the fixture set.
 * Started once before the first scenario, stopped after the last.
 */
export class Suite {
  private constructor(
    readonly config: RunConfig,
    readonly target: Target,
    readonly fixtures: Map<string, Fixture>,
  ) {}

  static async start(config = configFromEnvironment()): Promise<Suite> {
    const fixtures = loadFixtureSet();
    const spec = config.target;
    if (spec.kind === 'attach') return new Suite(config, new AttachedServer(spec.host, spec.port), fixtures);
    const directory = await ManagedDirectory.createTemporary();
    const command = spec.kind === 'spawn' ? spec.command : REFERENCE_SERVER_COMMAND;
    const cwd = spec.kind === 'spawn' ? spec.cwd : undefined;
    try {
      return new Suite(config, await SpawnedServer.start(command, directory, { cwd }), fixtures);
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

let current: Suite | null = null;

export async function startSuite(): Promise<void> {
  current = await Suite.start();
}

export async function stopSuite(): Promise<void> {
  await current?.stop();
  current = null;
}

export function suite(): Suite {
  if (!current) throw new Error('the suite has not started (BeforeAll failed?)');
  return current;
}
