import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

/*
 * Running the conformance CLI as a user does, for the end-to-end tests: a child process, the
 * suite's own settings cleared from the environment (HFTP_*), messages in English.
 */
export const ROOT = path.resolve(__dirname, '..');
export const CLI = path.join(ROOT, 'bin', 'hftp-conformance.js');

/** The Python the student servers run with, and whether this machine has it. */
export const PYTHON = process.env.PYTHON ?? 'python3';
export const HAVE_PYTHON = spawnSync(PYTHON, ['--version']).status === 0;

export function runCli(args: string[], cwd = ROOT): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C' };
    for (const name of Object.keys(env)) if (name.startsWith('HFTP_')) delete env[name];
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}
