import type { Reproducer } from '../conformance/scenario-record';
import { printfFormat, pyString, pythonExpression } from './python-literal';
import { pieceLength, type ReproStep } from './repro-steps';

/**
 * A reproducer: a short, self-contained Python 3 script (the language a student's server is
 * written in) that opens the scenario's connections to the student's server, sends exactly
 * the scenario's bytes with the same pauses, prints what comes back (escaped as the suite's
 * transcripts are), and ends with what the suite expected. For a scenario that is one
 * request on one connection, also a one-line shell form.
 */

export interface ReproContext {
  /** The language of the script's comments and of what it prints. */
  lang?: 'en' | 'es';
  /** One line: the rule and what it says. */
  title: string;
  /** The scenario's name. */
  scenario?: string;
  expected?: string;
  received?: string;
  /** The port written into the script (the student may pass another as its first argument). */
  port: number;
  host?: string;
  /** Comment lines to put before the code (what to serve, setup the suite did). */
  notes?: string[];
  /** How long the script watches the connections after the last step, in seconds. */
  watchSeconds?: number;
}

/** What the script prints, in the run's language. */
const SCRIPT_TEXT = {
  en: {
    connected: 'connected to %s:%d',
    noConnect: 'could not connect: %s',
    noSend: 'could not send: %s',
    closed: 'the client closed the connection',
    reset: 'the client reset the connection',
    eof: 'closed by the server (EOF)',
    rst: 'connection reset by the server',
    open: 'still open after %s s of watching',
    expected: 'expected: ',
    received: 'the suite received: ',
    title: 'Reproducer',
    scenario: 'Scenario',
    usage: 'Usage: python3 repro.py [PORT] [HOST]   (default',
    notExact: 'Not exact',
  },
  es: {
    connected: 'conectado a %s:%d',
    noConnect: 'no se pudo conectar: %s',
    noSend: 'no se pudo enviar: %s',
    closed: 'el cliente cerró la conexión',
    reset: 'el cliente cortó la conexión (reset)',
    eof: 'cerrada por el servidor (EOF)',
    rst: 'conexión cortada por el servidor (reset)',
    open: 'sigue abierta después de %s s de observarla',
    expected: 'se esperaba: ',
    received: 'la suite recibió: ',
    title: 'Reproductor',
    scenario: 'Escenario',
    usage: 'Uso: python3 repro.py [PUERTO] [HOST]   (por omisión',
    notExact: 'No es exacto',
  },
} as const;

function pythonHelpers(host: string, port: number, t: (typeof SCRIPT_TEXT)[keyof typeof SCRIPT_TEXT]): string {
  const q = pyString;
  return String.raw`import select, socket, sys, time

HOST = sys.argv[2] if len(sys.argv) > 2 else ${q(host)}
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else ${port}
T0, S = time.monotonic(), {}


def esc(d):
    t = ''.join({0: '\\0', 9: '\\t', 10: '\\n', 13: '\\r', 34: '\\"', 92: '\\\\'}.get(b) or (chr(b) if 31 < b < 127 else '\\x%02x' % b) for b in d)
    return '"%s"' % (t if len(t) <= 300 else '%s" ... "%s' % (t[:200], t[-80:]))


def say(c, arrow, text):
    print('%9.1f ms  %s  %s  %s' % ((time.monotonic() - T0) * 1000, c, arrow, text), flush=True)


def connect(c):
    try:
        S[c] = socket.create_connection((HOST, PORT))
        say(c, '--', ${q(t.connected)} % (HOST, PORT))
    except OSError as e:
        say(c, '--', ${q(t.noConnect)} % e)


def send(c, d):
    if c not in S:
        return
    say(c, '> ', esc(d) + (' (%d bytes)' % len(d) if len(d) > 200 else ''))
    try:
        S[c].sendall(d)
    except OSError as e:
        say(c, '--', ${q(t.noSend)} % e)


def close(c, reset=False):
    if c not in S:
        return
    s = S.pop(c)
    if reset:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\1\0\0\0\0\0\0\0')
    s.close()
    say(c, '--', ${q(t.reset)} if reset else ${q(t.closed)})


def watch(seconds):
    end = time.monotonic() + seconds
    while S and time.monotonic() < end:
        for s in select.select(list(S.values()), [], [], max(0, end - time.monotonic()))[0]:
            c = next(k for k, v in S.items() if v is s)
            try:
                d = s.recv(65536)
            except OSError:
                d = None
            if d:
                say(c, '< ', esc(d))
            else:
                del S[c]
                say(c, '--', ${q(t.eof)} if d == b'' else ${q(t.rst)})

`;
}

/** The reproducer of a list of steps. */
export function reproducer(steps: ReproStep[], context: ReproContext, caveats: string[] = []): Reproducer {
  const host = context.host ?? '127.0.0.1';
  const watchSeconds = context.watchSeconds ?? 2;
  const t = SCRIPT_TEXT[context.lang ?? 'en'];
  const header = [
    '#!/usr/bin/env python3',
    `# ${t.title}: ${context.title}`,
    ...(context.scenario ? [`# ${t.scenario}: ${context.scenario}`] : []),
    ...(context.notes ?? []).map((note) => `# ${note}`),
    ...caveats.map((caveat) => `# ${t.notExact}: ${caveat}.`),
    `# ${t.usage} ${host} ${context.port})`,
    '',
  ];
  const body: string[] = [];
  let last = steps[0]?.atMs ?? 0;
  for (const step of steps) {
    const pause = Math.max(0, (step.atMs - last) / 1000);
    last = step.atMs;
    if (pause >= 0.001) body.push(`watch(${pause.toFixed(3)})`);
    const client = JSON.stringify(step.client).replace(/^"|"$/g, "'");
    if (step.action === 'connect') body.push(`connect(${client})`);
    else if (step.action === 'send') body.push(`send(${client}, ${pythonExpression(step.pieces ?? [])})`);
    else if (step.action === 'close') body.push(`close(${client})`);
    else body.push(`close(${client}, reset=True)`);
  }
  body.push(`watch(${watchSeconds})`, `for c in sorted(S):`, `    say(c, '--', ${pyString(t.open)} % ${watchSeconds})`);
  const ending: string[] = [];
  if (context.expected) ending.push(`print(${pyString(t.expected + context.expected)})`);
  if (context.received) ending.push(`print(${pyString(t.received + context.received)})`);
  const python = [...header, pythonHelpers(host, context.port, t), ...body, ...ending, ''].join('\n');
  return { python, shell: shellForm(steps, host, context.port, t.open.replace('%s', '2')), caveats };
}

/** For one send on one connection: printf | nc, or the same in python3 -c where nc is not installed. */
function shellForm(steps: ReproStep[], host: string, port: number, stillOpen: string): string | undefined {
  const sends = steps.filter((step) => step.action === 'send');
  const clients = new Set(steps.map((step) => step.client));
  if (sends.length !== 1 || clients.size !== 1) return undefined;
  const pieces = sends[0].pieces ?? [];
  const program = `import socket; s=socket.create_connection(("${host}",${port})); s.sendall(${pythonExpression(pieces)}); s.settimeout(2); exec("try:\\n while True:\\n  d=s.recv(65536)\\n  if not d: break\\n  print(repr(d))\\nexcept OSError: print(\\"(${stillOpen})\\")")`;
  const python = `python3 -c '${program.replace(/'/g, "'\\''")}'`;
  if (pieceLength(pieces) > 2000 || pieces.some((piece) => 'unit' in piece && piece.count > 200)) return python;
  const bytes = Buffer.concat(pieces.map((piece) => ('bytes' in piece ? piece.bytes : Buffer.concat(Array.from({ length: piece.count }, () => piece.unit)))));
  return `printf ${printfFormat(bytes)} | nc -q 2 ${host} ${port} | od -c\n${python}`;
}
