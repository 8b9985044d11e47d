import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Expectation, type ResponseMessage, ResponseParseError, ResponseParser } from './response-parser';

/** Events as short strings; payload and raw chunks joined, so that any split gives the same list. */
function run(
  wire: string | Buffer,
  expectations: Expectation[],
  pieces: (string | Buffer)[] = [wire],
  maxLineBytes?: number,
): { events: string[]; unread: string; consumed: number } {
  const parser = new ResponseParser({ maxLineBytes });
  const events: string[] = [];
  let bytes = Buffer.alloc(0);
  const queue = [...expectations];
  parser.expect(queue.shift() ?? null);
  const flush = (what: string) => {
    if (bytes.length || what) events.push(`${what}:${bytes.toString('latin1')}`);
    bytes = Buffer.alloc(0);
  };
  const onMessage = (m: ResponseMessage) => {
    if (m.kind === 'payloadChunk' || m.kind === 'rawChunk') {
      assert.ok(m.bytes.length > 0, 'no empty chunk');
      bytes = Buffer.concat([bytes, m.bytes]);
      return;
    }
    if (m.kind === 'payloadEnd') flush('payload');
    if (m.kind === 'rawEnd') flush('raw');
    if (m.kind === 'padding') events.push(`padding ${m.line}|${m.content.toString('latin1')}|${m.padding.toString('latin1')}`);
    else if (m.kind === 'status') events.push(`status ${m.code} ${m.text}`);
    else if (m.kind === 'name') events.push(`name ${m.name}`);
    else if (m.kind === 'size') events.push(`size ${m.size}`);
    else if (m.kind === 'line') events.push(`line ${m.line.toString('latin1')}`);
    else events.push(`${m.kind} ${'names' in m ? m.names : 'lines' in m ? m.lines : m.length}`);
    if (!parser.expectation) parser.expect(queue.shift() ?? null);
  };
  for (const piece of pieces) parser.parse(Buffer.from(piece as string, 'latin1'), onMessage);
  return { events, unread: parser.peek().toString('latin1'), consumed: parser.consumed };
}

/** The same events however the wire is cut in two. */
function everySplit(wire: string, expectations: Expectation[]): string[] {
  const whole = run(wire, expectations);
  for (let i = 1; i < wire.length; i++) {
    const split = run(wire, expectations, [wire.slice(0, i), wire.slice(i)]);
    assert.deepEqual(split, whole, `split at ${i}`);
  }
  const bytes = run(wire, expectations, [...wire]);
  assert.deepEqual(bytes, whole, 'one byte at a time');
  return whole.events;
}

function fails(wire: string, expectation: Expectation, message: RegExp, maxLineBytes?: number): ResponseParseError {
  let caught: unknown;
  try {
    run(wire, [expectation], [wire], maxLineBytes);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ResponseParseError, `expected a ResponseParseError, got ${String(caught)}`);
  assert.match(caught.message, message);
  return caught;
}

describe('ResponseParser', () => {
  test('a status line, then idle: the bytes after it stay unread', () => {
    assert.deepEqual(run('0 OK\r\nrest', [{ kind: 'status' }]), { events: ['status 0 OK'], unread: 'rest', consumed: 6 });
    assert.deepEqual(everySplit('202 FILE NOT FOUND\r\n', [{ kind: 'status' }]), ['status 202 FILE NOT FOUND']);
  });

  test('a listing: names up to the empty line; an empty listing', () => {
    assert.deepEqual(everySplit('0 OK\r\nbar\r\nfoo\r\n\r\n', [{ kind: 'status' }, { kind: 'listing' }]), [
      'status 0 OK',
      'name bar',
      'name foo',
      'listingEnd 2',
    ]);
    assert.deepEqual(everySplit('\r\n', [{ kind: 'listing' }]), ['listingEnd 0']);
  });

  test('a size line, and any line', () => {
    assert.deepEqual(everySplit('0 OK\r\n41\r\n', [{ kind: 'status' }, { kind: 'size' }]), ['status 0 OK', 'size 41']);
    assert.deepEqual(everySplit('Content-Length: 20\r\n', [{ kind: 'line' }]), ['line Content-Length: 20']);
    assert.deepEqual(everySplit('\r\n', [{ kind: 'line' }]), ['line ']);
  });

  test('a base64 payload: one line, several independently padded lines, SIZE 0', () => {
    assert.deepEqual(everySplit('0 OK\r\nY2Fsb3IgcXVlIGhhY2UgaG95LCA=\r\n', [{ kind: 'status' }, { kind: 'base64', size: 20 }]), [
      'status 0 OK',
      'payload:calor que hace hoy, ',
      'payloadEnd 1',
    ]);
    assert.deepEqual(everySplit('YQ==\r\nYg==\r\nY2Rl\r\n', [{ kind: 'base64', size: 5 }]), ['payload:abcde', 'payloadEnd 3']);
    assert.deepEqual(everySplit('\r\n0 OK\r\n', [{ kind: 'base64', size: 0 }, { kind: 'status' }]), ['payload:', 'payloadEnd 1', 'status 0 OK']);
  });

  test('a raw slice: Content-Length, the empty line, the bytes as they are', () => {
    const raw = 'ab\r\n\0\xff';
    assert.deepEqual(everySplit(`0 OK\r\nContent-Length: 6\r\n\r\n${raw}0 OK\r\n`, [{ kind: 'status' }, { kind: 'raw' }, { kind: 'status' }]), [
      'status 0 OK',
      'rawLength 6',
      `raw:${raw}`,
      'rawEnd 6',
      'status 0 OK',
    ]);
    assert.deepEqual(everySplit('Content-Length: 0\r\n\r\n', [{ kind: 'raw' }]), ['rawLength 0', 'raw:', 'rawEnd 0']);
  });

  test('spaces and tabs before a CR LF: forgiven on every line, and reported', () => {
    const wire = '0 OK \r\nbar\t\r\n \r\n0 OK\r\n41  \r\n0 OK\r\nYWJj \r\nZGU=\t \r\n0 OK\r\nContent-Length: 1 \r\n\t\r\nx';
    const expectations: Expectation[] = [
      { kind: 'status' },
      { kind: 'listing' },
      { kind: 'status' },
      { kind: 'size' },
      { kind: 'status' },
      { kind: 'base64', size: 5 },
      { kind: 'status' },
      { kind: 'raw' },
    ];
    assert.deepEqual(everySplit(wire, expectations), [
      'padding status line|0 OK| ',
      'status 0 OK',
      'padding listing line|bar|\t',
      'name bar',
      'padding listing line|| ',
      'listingEnd 1',
      'status 0 OK',
      'padding size line|41|  ',
      'size 41',
      'status 0 OK',
      'padding payload line 1|YWJj| ',
      'padding payload line 2|ZGU=|\t ',
      'payload:abcde',
      'payloadEnd 2',
      'status 0 OK',
      'padding Content-Length line|Content-Length: 1| ',
      'rawLength 1',
      'padding line after Content-Length||\t',
      'raw:x',
      'rawEnd 1',
    ]);
    assert.deepEqual(everySplit('  \r\n', [{ kind: 'base64', size: 0 }]), ['padding payload line||  ', 'payload:', 'payloadEnd 1']);
  });

  test('a long padded payload line is reported by its last characters', () => {
    const line = Buffer.alloc(300, 'x').toString('base64');
    assert.deepEqual(run(`${line} \r\n`, [{ kind: 'base64', size: 300 }]).events[0], `padding payload line 1|${line.slice(-41)}| `);
  });

  describe('errors say what was expected and what came, escaped', () => {
    test('status lines', () => {
      const error = fails('0OK\r\n', { kind: 'status' }, /^"0OK\\r\\n" is not of the form <digits> <text>\\r\\n$/);
      assert.equal(error.expected, 'a status line');
      fails('0  \r\n', { kind: 'status' }, /"0 {2}\\r\\n" is not of the form/);
      fails('0 OK \r \r\n', { kind: 'status' }, /"0 OK \\r \\r\\n" is not of the form/);
      fails('0 OK\n', { kind: 'status' }, /LF without CR: "0 OK\\n"/);
      fails('\n', { kind: 'line' }, /LF without CR: "\\n"/);
    });

    test('sizes, listings, raw headers', () => {
      fails('4 1\r\n', { kind: 'size' }, /"4 1\\r\\n" is not a decimal size/);
      fails('-1\r\n', { kind: 'size' }, /is not a decimal size/);
      fails('a\r\nb\r\nc\r\n\r\n', { kind: 'listing', maxNames: 2 }, /more than 2 names/);
      fails('Content-Length 3\r\n', { kind: 'raw' }, /"Content-Length 3\\r\\n" is not "Content-Length: SIZE\\r\\n"/);
      fails('Content-Length: 3\r\nx\r\n', { kind: 'raw' }, /"x\\r\\n" is not empty/);
    });

    test('oversize lines: an error, not an ever-growing buffer', () => {
      fails('x'.repeat(100), { kind: 'line', maxBytes: 10 }, /no end of line within 10 bytes: "x+"$/);
      fails('0 OK' + 'x'.repeat(300), { kind: 'status' }, /no end of line within 64 bytes: "0 OKx+\.\.\. \(304 bytes\)"/, 64);
      fails(`YWJj${' '.repeat(100)}`, { kind: 'base64', size: 3 }, /more than 64 spaces and tabs, and no end of line/, 64);
      const parser = new ResponseParser({ maxLineBytes: 1000 });
      parser.expect({ kind: 'status' });
      assert.throws(() => {
        for (let i = 0; i < 100; i++) parser.parse(Buffer.alloc(100, 'a'), () => undefined);
      }, /no end of line within 1000 bytes/);
      assert.ok(parser.unread <= 1100, `${parser.unread} bytes held`);
      assert.equal(parser.expectation, null, 'idle after an error');
    });

    test('base64 garbage', () => {
      for (const line of ['YW*j', 'YW j', 'YW-_', 'YW\0j', 'YW\xe9j']) fails(`${line}\r\n`, { kind: 'base64', size: 3 }, /not base64 at character 2/);
      for (const [line, size] of [
        ['YQ==YWJj', 4],
        ['Y=Jj', 3],
        ['Y===', 1],
        ['YWJj====', 3],
        ['YQ=j', 2],
      ] as const) {
        fails(`${line}\r\n`, { kind: 'base64', size }, /misplaced '='|not base64/);
      }
      fails('YWJjZA\r\n', { kind: 'base64', size: 4 }, /line 1 has a length that is not a multiple of 4/);
      fails('YWJjZGVm\r\n', { kind: 'base64', size: 5 }, /decodes to more than the 5 bytes asked for/);
      fails('YWJj\r\nZGVm\r\n', { kind: 'base64', size: 5 }, /decodes to more than the 5 bytes asked for/);
      fails('YWJj\n', { kind: 'base64', size: 3 }, /line not ended by CR LF: "\\n"/);
      fails('YWJj\rx', { kind: 'base64', size: 3 }, /line not ended by CR LF: "\\rx"/);
      fails('YWJj \r \r\n', { kind: 'base64', size: 3 }, /not ended by CR LF/);
      fails('YWJj\r\n\r\n', { kind: 'base64', size: 5 }, /line 2 is empty, and only 3 of 5 bytes had arrived/);
      fails('   \r\n', { kind: 'base64', size: 3 }, /line 1 is empty/);
      fails('YQ==\r\n', { kind: 'base64', size: 0 }, /expected an empty line for SIZE 0, got "YQ=="/);
      fails('YWI= YQ==\r\n', { kind: 'base64', size: 3 }, /not base64/);
    });

    test('spaces followed by more base64, across a chunk boundary', () => {
      const parser = new ResponseParser();
      parser.expect({ kind: 'base64', size: 6 });
      parser.parse(Buffer.from('YWJj '), () => undefined);
      assert.throws(() => parser.parse(Buffer.from('ZGVm\r\n'), () => undefined), /not base64 at character 0: " ZGVm/);
    });
  });

  test('awaiting: what the parser waits for, and how far a body got', () => {
    const parser = new ResponseParser();
    assert.deepEqual(parser.awaiting(), { awaited: 'nothing' });
    parser.expect({ kind: 'listing' });
    parser.parse(Buffer.from('a\r\nb\r\nc'), () => undefined);
    assert.deepEqual(parser.awaiting().progress, { awaited: 'the next name or the empty line that ends the listing', after: 'after 2 names' });
    const payload = new ResponseParser();
    payload.expect({ kind: 'base64', size: 6 });
    payload.parse(Buffer.from('YWJj'), () => undefined);
    assert.deepEqual(payload.awaiting(), {
      awaited: 'payload line 1 (base64 of 3 more of the 6 bytes)',
      progress: { awaited: 'payload line 1 (base64 of 3 more of the 6 bytes)', after: 'after 3 of 6 bytes' },
    });
  });

  test('a big payload is streamed in chunks as it comes, never held whole', () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff));
    const wire = Buffer.from(`${bytes.toString('base64')}\r\n`, 'latin1');
    const parser = new ResponseParser();
    parser.expect({ kind: 'base64', size: bytes.length });
    const got: Buffer[] = [];
    let most = 0;
    for (let at = 0; at < wire.length; at += 4099) {
      parser.parse(wire.subarray(at, at + 4099), (m) => m.kind === 'payloadChunk' && got.push(m.bytes));
      most = Math.max(most, parser.unread);
    }
    assert.deepEqual(Buffer.concat(got), bytes);
    assert.ok(most < 8, `${most} bytes held`);
    assert.equal(parser.consumed, wire.length);
  });
});
