import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configFromEnvironment } from './config';
import { CAPABILITIES } from './profiles';

const pick = ({ profile, strict, capabilities }: ReturnType<typeof configFromEnvironment>) => ({ profile, strict, capabilities });

describe('configFromEnvironment', () => {
  test('an empty environment: the reference server, judged by its own profile (every capability, strict), the default waits', () => {
    assert.deepEqual(configFromEnvironment({}), {
      target: { kind: 'reference' },
      profile: 'reference',
      strict: true,
      timeoutMs: 3000,
      closeTimeoutMs: 1000,
      silenceMs: 250,
      capabilities: [...CAPABILITIES],
      maxErrors: 5,
      seed: 2026,
      lang: 'en',
    });
  });

  test('another target is judged by the course profile, with its capabilities, unless HFTP_PROFILE names another', () => {
    const student = { HFTP_SERVER: 'python3 server.py -p {port} -d {dir}' };
    assert.deepEqual(pick(configFromEnvironment(student)), { profile: 'course-2024', strict: false, capabilities: ['concurrency'] });
    assert.deepEqual(pick(configFromEnvironment({ ...student, HFTP_PROFILE: 'course-2021' })), { profile: 'course-2021', strict: false, capabilities: [] });
    assert.deepEqual(pick(configFromEnvironment({ HFTP_PORT: '2121', HFTP_PROFILE: 'course-2026', HFTP_STRICT: '1' })), {
      profile: 'course-2026',
      strict: true,
      capabilities: ['concurrency', 'hftp-2026', 'internal-error'],
    });
    // HFTP_CAPABILITIES still says exactly which capabilities are on.
    assert.deepEqual(pick(configFromEnvironment({ ...student, HFTP_CAPABILITIES: 'ascii-check' })).capabilities, ['ascii-check']);
    assert.throws(() => configFromEnvironment({ HFTP_PROFILE: 'course-1999' }), /HFTP_PROFILE: unknown profile "course-1999"/);
  });

  test('HFTP_SEED sets the fuzzing seed; the locale, or HFTP_LANG, the language', () => {
    assert.equal(configFromEnvironment({ HFTP_SEED: '7' }).seed, 7);
    assert.equal(configFromEnvironment({ LANG: 'es_AR.UTF-8' }).lang, 'es');
    assert.equal(configFromEnvironment({ LANG: 'es_AR.UTF-8', LC_ALL: 'C' }).lang, 'en');
    assert.equal(configFromEnvironment({ LANG: 'en_US.UTF-8', HFTP_LANG: 'es' }).lang, 'es');
  });

  test('the other variables of the process are ignored', () => {
    assert.deepEqual(configFromEnvironment({ PATH: '/usr/bin', HOME: '/root', HFTP_UNKNOWN: 'x' }), configFromEnvironment({}));
  });

  test('HFTP_SERVER: spawn mode with that command, in HFTP_SERVER_CWD when given', () => {
    assert.deepEqual(configFromEnvironment({ HFTP_SERVER: 'python3 server.py -p {port} -d {dir}' }).target, {
      kind: 'spawn',
      command: 'python3 server.py -p {port} -d {dir}',
      cwd: undefined,
    });
    assert.deepEqual(configFromEnvironment({ HFTP_SERVER: './server', HFTP_SERVER_CWD: '/home/student/lab2' }).target, {
      kind: 'spawn',
      command: './server',
      cwd: '/home/student/lab2',
    });
    assert.equal((configFromEnvironment({ HFTP_SERVER: './server', HFTP_SERVER_CWD: '' }).target as { cwd?: string }).cwd, undefined);
  });

  test('HFTP_SERVER wins over HFTP_HOST and HFTP_PORT', () => {
    assert.equal(configFromEnvironment({ HFTP_SERVER: './server', HFTP_HOST: 'example.org', HFTP_PORT: '1234' }).target.kind, 'spawn');
  });

  test('an empty HFTP_SERVER is not a command', () => {
    assert.deepEqual(configFromEnvironment({ HFTP_SERVER: '' }).target, { kind: 'reference' });
  });

  test('HFTP_HOST and HFTP_PORT: attach mode, with HFTP_DATA_DIR when given', () => {
    assert.deepEqual(configFromEnvironment({ HFTP_HOST: '10.0.0.2', HFTP_PORT: '19600', HFTP_DATA_DIR: '/srv/hftp' }).target, {
      kind: 'attach',
      host: '10.0.0.2',
      port: 19600,
      dataDir: '/srv/hftp',
    });
    assert.deepEqual(configFromEnvironment({ HFTP_HOST: 'localhost', HFTP_PORT: '19600', HFTP_DATA_DIR: '' }).target, {
      kind: 'attach',
      host: 'localhost',
      port: 19600,
      dataDir: undefined,
    });
  });

  test('HFTP_HOST alone attaches on port 19500; HFTP_PORT alone on 127.0.0.1', () => {
    assert.deepEqual(configFromEnvironment({ HFTP_HOST: 'localhost' }).target, { kind: 'attach', host: 'localhost', port: 19500, dataDir: undefined });
    assert.deepEqual(configFromEnvironment({ HFTP_PORT: '2121' }).target, { kind: 'attach', host: '127.0.0.1', port: 2121, dataDir: undefined });
  });

  test('HFTP_DATA_DIR without a host or port is not attach mode', () => {
    assert.deepEqual(configFromEnvironment({ HFTP_DATA_DIR: '/srv/hftp' }).target, { kind: 'reference' });
  });

  test('the waits and the error limit, as numbers', () => {
    const config = configFromEnvironment({ HFTP_TIMEOUT_MS: '5000', HFTP_CLOSE_MS: '300', HFTP_SILENCE_MS: '1e3', HFTP_MAX_ERRORS: '10' });
    assert.equal(config.timeoutMs, 5000);
    assert.equal(config.closeTimeoutMs, 300);
    assert.equal(config.silenceMs, 1000);
    assert.equal(config.maxErrors, 10);
  });

  test('an empty number is its default', () => {
    const config = configFromEnvironment({ HFTP_TIMEOUT_MS: '', HFTP_CLOSE_MS: '', HFTP_SILENCE_MS: '', HFTP_MAX_ERRORS: '' });
    assert.deepEqual([config.timeoutMs, config.closeTimeoutMs, config.silenceMs, config.maxErrors], [3000, 1000, 250, 5]);
  });

  test('an invalid number throws, naming the variable and the value', () => {
    const cases: [string, string][] = [
      ['HFTP_TIMEOUT_MS', 'soon'],
      ['HFTP_TIMEOUT_MS', '0'],
      ['HFTP_CLOSE_MS', '-5'],
      ['HFTP_SILENCE_MS', 'Infinity'],
      ['HFTP_MAX_ERRORS', 'NaN'],
      ['HFTP_PORT', 'http'],
      ['HFTP_PORT', '-1'],
    ];
    for (const [name, value] of cases) {
      assert.throws(
        () => configFromEnvironment({ [name]: value }),
        (error: Error) => error.message.startsWith(`${name} must be a whole number from 1 to `) && error.message.includes(JSON.stringify(value)),
        `${name}=${value}`,
      );
    }
  });

  test('a port that is not an integer from 1 to 65535 throws, naming HFTP_PORT', () => {
    for (const value of ['70000', '80.5']) {
      assert.throws(() => configFromEnvironment({ HFTP_PORT: value }), /HFTP_PORT/, value);
    }
  });

  test('HFTP_CAPABILITIES: a comma-separated list, blanks ignored', () => {
    assert.deepEqual(configFromEnvironment({ HFTP_CAPABILITIES: 'concurrency,hftp-2026' }).capabilities, ['concurrency', 'hftp-2026']);
    assert.deepEqual(configFromEnvironment({ HFTP_CAPABILITIES: ' ascii-check , ,error-limit ,' }).capabilities, ['ascii-check', 'error-limit']);
  });

  test('HFTP_CAPABILITIES empty: none; absent: all', () => {
    assert.deepEqual(configFromEnvironment({ HFTP_CAPABILITIES: '' }).capabilities, []);
    assert.deepEqual(configFromEnvironment({ HFTP_CAPABILITIES: ' , ' }).capabilities, []);
    assert.deepEqual(configFromEnvironment({}).capabilities, [...CAPABILITIES]);
  });

  test('HFTP_CAPABILITIES with unknown names throws, naming each of them', () => {
    assert.throws(() => configFromEnvironment({ HFTP_CAPABILITIES: 'concurrency,telepathy,Hftp-2026' }), {
      message: `HFTP_CAPABILITIES: unknown capability telepathy, Hftp-2026 (known: ${CAPABILITIES.join(', ')})`,
    });
  });

  test('the capabilities returned are a copy: changing them changes nothing later', () => {
    configFromEnvironment({}).capabilities.pop();
    assert.deepEqual(configFromEnvironment({}).capabilities, [...CAPABILITIES]);
  });
});
