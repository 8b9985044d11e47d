import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FAULTS_VARIABLE } from './fault-switch';
import { DEFAULT_SERVER_OPTIONS, HftpServer } from './server';

const USAGE = `Usage: hftp-server [-p PORT] [-d DIR] [-a ADDRESS] [options]

The HFTP reference server of hftp-conformance.

  -p, --port PORT           TCP port to listen on (default 19500)
  -d, --directory DIR       directory whose files are served (default testdata)
  -a, --address ADDR        address to listen on (default 0.0.0.0)
      --max-errors N        close a connection with 101 after N error answers (default 5, 0 = off)
      --max-connections N   connections served at once; past it, 199 and close (default 2000)
      --idle-timeout S      close a connection silent for S seconds (default 120, 0 = never)
  -h, --help                show this help
`;

/** Command line like the course skeleton's server.py: -p PORT -d DIR -a ADDRESS. */
export async function main(argv: string[]): Promise<number> {
  // The command line, once: its type is that of parseArgs with these options.
  const parse = () =>
    parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p', default: String(DEFAULT_SERVER_OPTIONS.port) },
        directory: { type: 'string', short: 'd', default: 'testdata' },
        address: { type: 'string', short: 'a', default: DEFAULT_SERVER_OPTIONS.address },
        'max-errors': { type: 'string', default: String(DEFAULT_SERVER_OPTIONS.maxErrors) },
        'max-connections': { type: 'string', default: String(DEFAULT_SERVER_OPTIONS.maxConnections) },
        'idle-timeout': { type: 'string', default: String(DEFAULT_SERVER_OPTIONS.idleTimeoutMs / 1000) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (error) {
    process.stderr.write(`hftp-server: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = Number(values.port);
  const maxErrors = Number(values['max-errors']);
  const maxConnections = Number(values['max-connections']);
  const idleTimeout = Number(values['idle-timeout']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`invalid port: ${values.port}`);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) return usageError(`invalid --max-errors: ${values['max-errors']}`);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) return usageError(`invalid --max-connections: ${values['max-connections']}`);
  if (!(idleTimeout >= 0)) return usageError(`invalid --idle-timeout: ${values['idle-timeout']}`);
  if (!isDirectory(values.directory)) return usageError(`not a directory: ${values.directory}`);

  const server = new HftpServer({
    directory: values.directory,
    port,
    address: values.address,
    maxErrors,
    maxConnections,
    idleTimeoutMs: idleTimeout * 1000,
    unreadablePrefix: process.env[FAULTS_VARIABLE] || undefined,
  });
  let bound: number;
  try {
    bound = await server.listen();
  } catch (error) {
    return usageError(`cannot listen on ${values.address}:${port}: ${(error as Error).message}`);
  }
  process.stdout.write(`hftp-server: serving ${values.directory} on ${values.address}:${bound}\n`);
  // Exit cleanly on a signal, so that coverage and open handles are flushed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
  return await new Promise<number>(() => {}); // serves until a signal arrives
}

function usageError(message: string): number {
  process.stderr.write(`hftp-server: ${message}\n`);
  return 2;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
