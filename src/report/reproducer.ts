import type { Reproducer } from '../conformance/scenario-record';
import { unescapeBytes } from '../client/escape';
import type { TranscriptData } from '../client/transcript';

/**
 * A reproducer: a short, self-contained Python 3 script (the language a student's server is
 * written in) that opens the scenario's connections to the student's server, sends exactly
 * the scenario's bytes with the same pauses, prints what comes back (escaped as the suite's
 * transcripts are), and ends with what the suite expected. For a scenario that is one
 * request on one connection, also a one-line shell form.
 */
/** Bytes as pieces: literal bytes, or one unit repeated (a 5 MiB file name is a few pieces). */
export type Piece = { bytes: Buffer } | { unit: Buffer; count: number };

export interface ReproStep {
  client: string;
  action: 'connect' | 'send' | 'close' | 'reset';
  /** For send: the bytes, as pieces. */
  pieces?: Piece[];
  /** Milliseconds since the start (pauses are the gaps between steps). */
  atMs: number;
}

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

/** Long runs of one byte inside recorded bytes become a repetition. */
const RUN_AT_LEAST = 16;

/** The steps of a scenario, from its transcript: connections, sends (long ones rebuilt from their pattern), closes and resets. */
export function stepsFromTranscript(transcript: TranscriptData): { steps: ReproStep[]; caveats: string[] } {
  const steps: ReproStep[] = [];
  const caveats: string[] = [];
  const open = new Set<string>();
  if (transcript.elided > 0)
    caveats.push(
      `the transcript kept only its first and last entries (${transcript.elided} in the middle were left out), so this reproducer sends only what was kept`,
    );
  for (const entry of transcript.entries) {
    if (entry.client === 'probe' || entry.client === 'preflight') continue;
    if (entry.direction === 'event') {
      const note = entry.note ?? '';
      if (note.startsWith('connected to')) {
        steps.push({ client: entry.client, action: 'connect', atMs: entry.atMs });
        open.add(entry.client);
      } else if (note === 'the client closed the connection' && open.has(entry.client)) {
        steps.push({ client: entry.client, action: 'close', atMs: entry.atMs });
        open.delete(entry.client);
      } else if (note === 'the client reset the connection' && open.has(entry.client)) {
        steps.push({ client: entry.client, action: 'reset', atMs: entry.atMs });
        open.delete(entry.client);
      }
      continue;
    }
    if (entry.direction !== 'sent') continue;
    if (!open.has(entry.client)) {
      steps.push({ client: entry.client, action: 'connect', atMs: entry.atMs });
      open.add(entry.client);
    }
    const head = unescapeBytes(entry.head);
    if (entry.omitted === 0) {
      // Sends close in time share an entry; they go out as the same pieces, with the same pauses.
      const starts = [{ offset: 0, atMs: entry.atMs }, ...(entry.pieces ?? [])];
      starts.forEach((start, i) => {
        const bytes = head.subarray(start.offset, starts[i + 1]?.offset ?? head.length);
        if (bytes.length) steps.push({ client: entry.client, action: 'send', pieces: compress([{ bytes }]), atMs: start.atMs });
      });
      continue;
    }
    const tail = unescapeBytes(entry.tail);
    const unit = repeatedUnit(head, tail);
    if (unit) {
      steps.push({
        client: entry.client,
        action: 'send',
        pieces: compress([{ bytes: head }, { unit, count: entry.omitted / unit.length }, { bytes: tail }]),
        atMs: entry.atMs,
      });
    } else {
      caveats.push(
        `${entry.omitted} bytes sent by client ${entry.client} were not recorded (only the first ${head.length} and the last ${tail.length}) and are no repetition: this reproducer sends zero bytes ("\\0") in their place`,
      );
      steps.push({
        client: entry.client,
        action: 'send',
        pieces: compress([{ bytes: head }, { unit: Buffer.from([0]), count: entry.omitted }, { bytes: tail }]),
        atMs: entry.atMs,
      });
    }
  }
  return { steps, caveats };
}

/**
 * The unit that repeats across the omitted middle of a long entry: the end of the head and
 * the start of the tail must both be that unit repeated, in phase. Null if none (1 to 16 bytes).
 */
export function repeatedUnit(head: Buffer, tail: Buffer): Buffer | null {
  for (let size = 1; size <= 16 && size * 2 <= head.length; size++) {
    const unit = head.subarray(head.length - size);
    let periodic = true;
    for (let i = head.length - 2 * size; i < head.length; i++) if (head[i] !== unit[(i - (head.length - 2 * size)) % size]) periodic = false;
    if (!periodic) continue;
    // The tail starts in phase if the omitted length is a multiple of the unit (checked by the caller's count).
    const check = Math.min(tail.length, size * 2);
    if (check < size) continue;
    let matches = true;
    for (let i = 0; i < check; i++) if (tail[i] !== unit[i % size]) matches = false;
    if (matches) return Buffer.from(unit);
  }
  return null;
}

/** Literal runs of one byte become repetitions; neighbouring repetitions of the same unit merge. */
export function compress(pieces: Piece[]): Piece[] {
  const split: Piece[] = [];
  for (const piece of pieces) {
    if (!('bytes' in piece)) {
      split.push(piece);
      continue;
    }
    const bytes = piece.bytes;
    let start = 0;
    let i = 0;
    while (i < bytes.length) {
      let j = i;
      while (j < bytes.length && bytes[j] === bytes[i]) j++;
      if (j - i >= RUN_AT_LEAST) {
        if (i > start) split.push({ bytes: bytes.subarray(start, i) });
        split.push({ unit: bytes.subarray(i, i + 1), count: j - i });
        start = j;
      }
      i = j;
    }
    if (start < bytes.length) split.push({ bytes: bytes.subarray(start) });
  }
  const merged: Piece[] = [];
  for (const piece of split) {
    const last = merged[merged.length - 1];
    if (last && 'unit' in last && 'unit' in piece && last.unit.equals(piece.unit)) last.count += piece.count;
    else if (last && 'bytes' in last && 'bytes' in piece) merged[merged.length - 1] = { bytes: Buffer.concat([last.bytes, piece.bytes]) };
    else if ('unit' in piece) merged.push({ unit: piece.unit, count: piece.count });
    else merged.push(piece);
  }
  // A repetition of a multi-byte unit that is a repetition of one byte reads better as that byte.
  return merged.map((piece) =>
    'unit' in piece && piece.unit.length > 1 && piece.unit.every((b) => b === piece.unit[0])
      ? { unit: piece.unit.subarray(0, 1), count: piece.count * piece.unit.length }
      : piece,
  );
}

/** Bytes as a Python bytes literal: b'get_metadata x\r\n'. */
export function pythonBytes(bytes: Uint8Array): string {
  let out = "b'";
  for (const byte of bytes) {
    if (byte === 0x27) out += "\\'";
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x09) out += '\\t';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** Pieces as one Python expression: b'get_metadata ' + b'a' * 5242880 + b'\r\n'. */
export function pythonExpression(pieces: Piece[]): string {
  if (pieces.length === 0) return "b''";
  return pieces.map((piece) => ('bytes' in piece ? pythonBytes(piece.bytes) : `${pythonBytes(piece.unit)} * ${piece.count}`)).join(' + ');
}

const pieceLength = (pieces: Piece[]) => pieces.reduce((sum, piece) => sum + ('bytes' in piece ? piece.bytes.length : piece.unit.length * piece.count), 0);

/** Bytes as a shell printf format (octal escapes, which every printf reads, dash's too). */
export function printfFormat(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else if (byte >= 0x20 && byte < 0x7f && byte !== 0x27) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `'${out}'`;
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

/** A Python string literal of any text. */
function pyString(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
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
