import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '..', 'bin', 'hftp-conformance.js');

/** The CLI as staff run it, without the HFTP_ variables of the test's own environment. */
export function runCli(args: string[], cwd: string): Promise<{ status: number | null; output: string; pid: number }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('HFTP_')) delete env[name];
    const child = spawn(process.execPath, [cli, ...args], { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output, pid: child.pid as number }));
  });
}

/** Debian's chromium (or $CHROMIUM), for the browser test. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[];
  return candidates.find((c) => existsSync(c)) ?? null;
}
