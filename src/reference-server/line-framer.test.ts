import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LineFramer, DEFAULT_FRAMER_LIMITS, type Frame } from './line-framer';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');

/** The frames as plain values that deepEqual can compare (Buffers as latin1 strings). */
function plain(frames: Frame[]): unknown[] {
  return frames.map((frame) => (frame.kind === 'line' ? { ...frame, bytes: frame.bytes.toString('latin1') } : frame));
}

const line = (text: string, extra: { length?: number; nonAscii?: boolean } = {}) => ({
  kind: 'line',
  bytes: text,
  length: extra.length ?? Buffer.byteLength(text, 'latin1'),
  nonAscii: extra.nonAscii ?? false,
});

/** Push each chunk in turn and collect every frame. */
function feed(framer: LineFramer, chunks: (string | Buffer)[]): unknown[] {
  const frames: Frame[] = [];
  for (const chunk of chunks) frames.push(...framer.push(typeof chunk === 'string' ? b(chunk) : chunk));
  return plain(frames);
}

describe('LineFramer', () => {
  test('default limits', () => {
    assert.equal(DEFAULT_FRAMER_LIMITS.maxKeptBytes, 4096);
    assert.equal(DEFAULT_FRAMER_LIMITS.maxLineBytes, 16 * 1024 * 1024);
  });

  test('one line ended by CR LF', () => {
    assert.deepEqual(feed(new LineFramer(), ['get_metadata archivo.txt\r\n']), [line('get_metadata archivo.txt')]);
  });

  test('no frame before the CR LF arrives', () => {
    const framer = new LineFramer();
    assert.deepEqual(framer.push(b('get_meta')), []);
    assert.equal(framer.pendingLength, 8);
    assert.deepEqual(framer.push(b('data archivo.txt\r')), []);
    assert.deepEqual(plain(framer.push(b('\n'))), [line('get_metadata archivo.txt')]);
    assert.equal(framer.pendingLength, 0);
  });

  test('several lines in one chunk, in order', () => {
    assert.deepEqual(feed(new LineFramer(), ['a\r\nbb\r\nccc\r\n']), [line('a'), line('bb'), line('ccc')]);
  });

  test('the rest of a chunk after the last CR LF starts the next line', () => {
    const framer = new LineFramer();
    assert.deepEqual(plain(framer.push(b('quit\r\nget_'))), [line('quit')]);
    assert.equal(framer.pendingLength, 4);
    assert.deepEqual(plain(framer.push(b('file_listing\r\n'))), [line('get_file_listing')]);
  });

  test('an empty line is a line of length 0', () => {
    assert.deepEqual(feed(new LineFramer(), ['\r\n']), [line('')]);
    assert.deepEqual(feed(new LineFramer(), ['\r\n\r\nx\r\n\r\n']), [line(''), line(''), line('x'), line('')]);
    assert.deepEqual(feed(new LineFramer(), ['\r', '\n']), [line('')]);
  });

  test('an empty chunk changes nothing', () => {
    const framer = new LineFramer();
    assert.deepEqual(framer.push(Buffer.alloc(0)), []);
    assert.deepEqual(framer.push(b('ab\r')), []);
    assert.deepEqual(framer.push(Buffer.alloc(0)), []);
    assert.deepEqual(plain(framer.push(b('\n'))), [line('ab')]);
  });

  test('every split point of a multi-request buffer gives the same lines', () => {
    const wire = 'get_metadata archivo.txt\r\nget_slice a.txt 0 5\r\n\r\nquit\r\n';
    const expected = [line('get_metadata archivo.txt'), line('get_slice a.txt 0 5'), line(''), line('quit')];
    for (let i = 0; i <= wire.length; i++) {
      assert.deepEqual(feed(new LineFramer(), [wire.slice(0, i), wire.slice(i)]), expected, `split at ${i}`);
    }
  });

  test('every pair of split points (three chunks) gives the same lines', () => {
    const wire = 'ab\r\n\r\ncd e\r\n';
    const expected = [line('ab'), line(''), line('cd e')];
    for (let i = 0; i <= wire.length; i++) {
      for (let j = i; j <= wire.length; j++) {
        assert.deepEqual(feed(new LineFramer(), [wire.slice(0, i), wire.slice(i, j), wire.slice(j)]), expected, `split at ${i}, ${j}`);
      }
    }
  });

  test('one byte at a time', () => {
    const wire = 'get_metadata x\r\nquit\r\n';
    assert.deepEqual(feed(new LineFramer(), [...wire]), [line('get_metadata x'), line('quit')]);
  });

  test('CR and LF in different chunks', () => {
    const framer = new LineFramer();
    assert.deepEqual(framer.push(b('quit\r')), []);
    assert.deepEqual(plain(framer.push(b('\nhelp\r'))), [line('quit')]);
    assert.deepEqual(plain(framer.push(b('\n'))), [line('help')]);
  });

  describe('bad end of line', () => {
    test('a bare LF gives bad-eol at once, without waiting for a CR LF', () => {
      assert.deepEqual(feed(new LineFramer(), ['qui\n']), [{ kind: 'bad-eol' }]);
    });

    test('a bare LF after complete lines: the lines first, then bad-eol', () => {
      assert.deepEqual(feed(new LineFramer(), ['a\r\nb\nc\r\n']), [line('a'), { kind: 'bad-eol' }]);
    });

    test('"qui\\nt\\n\\r\\n" gives one bad-eol, at the first LF', () => {
      assert.deepEqual(feed(new LineFramer(), ['qui\nt\n\r\n']), [{ kind: 'bad-eol' }]);
    });

    test('a LF alone on an empty line', () => {
      assert.deepEqual(feed(new LineFramer(), ['\n']), [{ kind: 'bad-eol' }]);
    });

    test('a bare LF at the start of a chunk, after a chunk without CR', () => {
      assert.deepEqual(feed(new LineFramer(), ['quit', '\n']), [{ kind: 'bad-eol' }]);
    });

    test('a CR followed by another byte in the same chunk', () => {
      assert.deepEqual(feed(new LineFramer(), ['quit\rx\r\n']), [{ kind: 'bad-eol' }]);
    });

    test('a CR CR LF is bad-eol (the first CR is not followed by LF)', () => {
      assert.deepEqual(feed(new LineFramer(), ['quit\r\r\n']), [{ kind: 'bad-eol' }]);
    });

    test('a CR ending one chunk and another byte starting the next', () => {
      const framer = new LineFramer();
      assert.deepEqual(framer.push(b('quit\r')), []);
      assert.deepEqual(plain(framer.push(b('x\r\n'))), [{ kind: 'bad-eol' }]);
    });

    test('a CR ending one chunk and a CR starting the next', () => {
      const framer = new LineFramer();
      assert.deepEqual(framer.push(b('quit\r')), []);
      assert.deepEqual(plain(framer.push(b('\r\n'))), [{ kind: 'bad-eol' }]);
    });

    test('the framer is spent after bad-eol', () => {
      const framer = new LineFramer();
      assert.deepEqual(plain(framer.push(b('x\n'))), [{ kind: 'bad-eol' }]);
      assert.deepEqual(framer.push(b('quit\r\n')), []);
      assert.deepEqual(framer.push(b('\r\n')), []);
      assert.deepEqual(framer.push(b('\n')), []);
    });

    test('bytes after the bad LF in the same chunk are not framed', () => {
      assert.deepEqual(feed(new LineFramer(), ['x\nquit\r\nhelp\r\n']), [{ kind: 'bad-eol' }]);
    });
  });

  describe('limits', () => {
    test('a line longer than maxKeptBytes is cut, its length counted whole', () => {
      const framer = new LineFramer({ maxKeptBytes: 8, maxLineBytes: 1000 });
      assert.deepEqual(feed(framer, ['get_metadata ' + 'n'.repeat(100) + '\r\n']), [line('get_meta', { length: 113 })]);
    });

    test('the cut works across chunks, and the next line is kept again from its start', () => {
      const framer = new LineFramer({ maxKeptBytes: 5, maxLineBytes: 1000 });
      assert.deepEqual(feed(framer, ['abc', 'defgh', 'ijk\r', '\nxyz\r\n']), [line('abcde', { length: 11 }), line('xyz')]);
    });

    test('a line of exactly maxKeptBytes is kept whole', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 1000 });
      assert.deepEqual(feed(framer, ['ab', 'cd\r\n']), [line('abcd')]);
    });

    test('a line of exactly maxLineBytes is a line', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 10 });
      assert.deepEqual(feed(framer, ['0123456789\r\n']), [line('0123', { length: 10 })]);
    });

    test('a line past maxLineBytes is too-long, without waiting for its end', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 10 });
      assert.deepEqual(feed(framer, ['01234', '56789']), []);
      assert.deepEqual(plain(framer.push(b('a'))), [{ kind: 'too-long', length: 11 }]);
    });

    test('too-long in one big chunk reports the bytes counted so far', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 10 });
      assert.deepEqual(feed(framer, ['x'.repeat(25)]), [{ kind: 'too-long', length: 25 }]);
    });

    test('lines before a too-long one in the same chunk are delivered first', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 10 });
      assert.deepEqual(feed(framer, ['ok\r\n' + 'x'.repeat(20) + '\r\n']), [line('ok'), { kind: 'too-long', length: 20 }]);
    });

    test('the framer is spent after too-long', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 10 });
      assert.equal(framer.push(b('x'.repeat(11)))[0].kind, 'too-long');
      assert.deepEqual(framer.push(b('\r\nquit\r\n')), []);
      assert.deepEqual(framer.push(b('\n')), []);
    });

    test('memory stays bounded for a long line in many chunks', () => {
      const framer = new LineFramer({ maxKeptBytes: 16, maxLineBytes: 1 << 30 });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      for (let i = 0; i < 100; i++) assert.deepEqual(framer.push(chunk), []);
      assert.equal(framer.pendingLength, 100 * chunk.length);
      const [frame] = framer.push(b('\r\n'));
      assert.equal(frame.kind, 'line');
      if (frame.kind !== 'line') return;
      assert.equal(frame.bytes.length, 16);
      assert.equal(frame.length, 100 * chunk.length);
    });

    test('the kept bytes are a copy, not a view of the pushed chunk', () => {
      const framer = new LineFramer();
      const chunk = b('abc');
      framer.push(chunk);
      chunk.fill(0x7a);
      assert.deepEqual(feed(framer, ['\r\n']), [line('abc')]);
    });
  });

  describe('nonAscii', () => {
    test('a byte above 0x7f marks the line', () => {
      assert.deepEqual(feed(new LineFramer(), [Buffer.from([0x61, 0xe9, 0x62, 0x0d, 0x0a])]), [line('a\xe9b', { nonAscii: true })]);
    });

    test('0x7f itself is ASCII', () => {
      assert.deepEqual(feed(new LineFramer(), [Buffer.from([0x61, 0x7f, 0x0d, 0x0a])]), [line('a\x7f')]);
    });

    test('0x80 and 0xff are not ASCII', () => {
      assert.deepEqual(feed(new LineFramer(), [Buffer.from([0x80, 0x0d, 0x0a, 0xff, 0x0d, 0x0a])]), [
        line('\x80', { nonAscii: true }),
        line('\xff', { nonAscii: true }),
      ]);
    });

    test('a byte above 0x7f in the part of a long line that is not kept still counts', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 1000 });
      assert.deepEqual(feed(framer, ['abcdefgh\xe9ij\r\n']), [line('abcd', { length: 11, nonAscii: true })]);
    });

    test('... also when it arrives in a later chunk', () => {
      const framer = new LineFramer({ maxKeptBytes: 4, maxLineBytes: 1000 });
      assert.deepEqual(feed(framer, ['abcdef', 'g\xe9', 'ij\r\n']), [line('abcd', { length: 10, nonAscii: true })]);
    });

    test('the flag is reset for the next line', () => {
      assert.deepEqual(feed(new LineFramer(), ['\xe9\r\nquit\r\n']), [line('\xe9', { nonAscii: true }), line('quit')]);
      const framer = new LineFramer({ maxKeptBytes: 2, maxLineBytes: 1000 });
      assert.deepEqual(feed(framer, ['abc\xe9', '\r\n', 'abcd\r\n']), [line('ab', { length: 4, nonAscii: true }), line('ab', { length: 4 })]);
    });
  });
});
