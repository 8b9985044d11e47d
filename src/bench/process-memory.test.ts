import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { startServer } from '../testing/test-servers';
import { cpuMs, holdersOf, listeningInodes, parseStat, RssSampler, rssKb, serverProcesses } from './process-memory';

test('parseStat: a command with spaces and parentheses', () => {
  const stat = parseStat('4242 (my (odd) server) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 31 0 0 20 0 1 0');
  assert.deepEqual(stat, { pid: 4242, ppid: 17, pgrp: 4242, cpuTicks: 281 });
  assert.equal(parseStat('garbage'), null);
});

test('listeningInodes: LISTEN entries of that port only', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-proc-'));
  try {
    const table = path.join(dir, 'tcp');
    writeFileSync(
      table,
      [
        '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
        '   0: 0100007F:4C2C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1601 1 0 100 0 0 10 0',
        '   1: 0100007F:4C2C 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 1700 1 0 100 0 0 10 0',
        '   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1800 1 0 100 0 0 10 0',
      ].join('\n'),
    );
    assert.deepEqual([...listeningInodes(19500, [table, path.join(dir, 'missing')])], ['1601']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a listening child process is found by its port, with its group; its memory and CPU are read', { skip: process.platform !== 'linux' }, async () => {
  const child = spawn(process.execPath, ['-e', "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
    const holders = holdersOf(listeningInodes(port));
    assert.deepEqual(holders, [child.pid]);
    assert.deepEqual(serverProcesses(holders), [child.pid]);
    assert.ok(rssKb(holders) > 1000);
    assert.ok(cpuMs(holders) >= 0);
    assert.deepEqual(serverProcesses(holders, false), [child.pid]);
    const sampler = RssSampler.start(port, { intervalMs: 5, refreshMs: 50 });
    assert.ok(sampler instanceof RssSampler);
    sampler.mark();
    // The worker thread takes a moment to start (longer on a busy machine), then samples every
    // 5 ms. Waiting for 2 samples is bounded by the sampling itself; the count of tries only
    // turns a sampler that never samples into a failure instead of a hang.
    for (let tries = 0; sampler.samples < 2 && tries < 1000; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(sampler.samples >= 2, 'the sampler took no sample');
    assert.ok(sampler.peakKb() >= sampler.nowKb() * 0.5);
    assert.ok(sampler.cpuMs() >= 0);
    await sampler.stop();
  } finally {
    child.kill('SIGKILL');
  }
});

test('RssSampler.start says why when nothing local listens', async () => {
  const probe = await startServer();
  await probe.close();
  const { port } = probe;
  assert.equal(RssSampler.start(port), `no socket of this machine listens on port ${port}`);
});
