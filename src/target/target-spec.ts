import type { RunConfig } from '../conformance/config';
import { CannotTest } from './session';
import { DEFAULT_PORT } from '../protocol/wire';

/** What `run` and `bench` are told about the target, from their common options. */
export interface TargetOptions {
  server?: string;
  cwd?: string;
  host?: string;
  port?: number;
  dataDir?: string;
}

/** Spawn, attach or the bundled reference server, checked; and how to name it to the user. */
export function targetFrom(options: TargetOptions, who: 'suite' | 'bench'): { spec: RunConfig['target']; name: string } {
  const attach = options.host !== undefined || options.port !== undefined;
  if (options.server && attach) throw new CannotTest(`Give either --server (the ${who} starts the target) or --host/--port (it is running), not both.`);
  if (options.dataDir && !attach) throw new CannotTest(`--data-dir goes with --host/--port (in spawn mode the ${who} makes the directory itself).`);
  if (options.server) return { spec: { kind: 'spawn', command: options.server, cwd: options.cwd }, name: `"${options.server}"` };
  if (attach) {
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? DEFAULT_PORT;
    return { spec: { kind: 'attach', host, port, dataDir: options.dataDir }, name: `${host}:${port}` };
  }
  return { spec: { kind: 'reference' }, name: 'the reference server' };
}
