import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { HftpConnection } from './hftp-connection';
import { ProtocolViolation } from './errors';
import { sends, sendsInPieces, withConnection } from '../testing/connection';

describe('HftpConnection', () => {
  describe('spaces and tabs before the CR LF: forgiven, and recorded', () => {
    /** What the connection recorded, as "kind|content|padding". */
    const recorded = (conn: HftpConnection) =>
      conn.paddedLines.map((p) => `${p.kind}|${p.truncated ? '...' : ''}${p.content.toString('latin1')}|${p.padding.toString('latin1')}`);

    test('nothing is recorded for lines that end at their last character', async () => {
      await withConnection(sends('0 OK\r\n41\r\n0 OK\r\nbar\r\n\r\n0 OK\r\nYWJj\r\n'), async (conn) => {
        await conn.readStatus();
        await conn.readSize();
        await conn.readStatus();
        await conn.readListing();
        await conn.readStatus();
        await conn.readPayload(3);
        assert.deepEqual(conn.paddedLines, []);
        assert.equal(conn.paddedLineCount, 0);
      });
    });

    test('a status line: one space, several spaces, a tab', async () => {
      await withConnection(sends('0 OK \r\n202 FILE NOT FOUND   \r\n201 INVALID ARGUMENTS\t\r\n'), async (conn) => {
        assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
        assert.deepEqual(await conn.readStatus(), { code: 202, text: 'FILE NOT FOUND' });
        assert.deepEqual(await conn.readStatus(), { code: 201, text: 'INVALID ARGUMENTS' });
        assert.deepEqual(recorded(conn), ['status line|0 OK| ', 'status line|202 FILE NOT FOUND|   ', 'status line|201 INVALID ARGUMENTS|\t']);
        assert.equal(conn.paddedLineCount, 3);
      });
    });

    test('a status line of only a code and spaces has no text once they go', async () => {
      await withConnection(sends('0  \r\n'), async (conn) => {
        await assert.rejects(conn.readStatus(), /: "0 {2}\\r\\n" is not of the form/);
      });
    });

    test('a size line', async () => {
      await withConnection(sends('41 \t \r\n'), async (conn) => {
        assert.equal(await conn.readSize(), 41);
        assert.deepEqual(recorded(conn), ['size line|41| \t ']);
      });
    });

    test('a size line with a space inside is still not a size', async () => {
      await withConnection(sends('4 1 \r\n'), async (conn) => {
        await assert.rejects(conn.readSize(), /"4 1 \\r\\n" is not a decimal size/);
      });
    });

    test('listing names, and a final line of only spaces that ends the listing', async () => {
      await withConnection(sends('bar \r\nfoo\t\r\nx\r\n  \r\n'), async (conn) => {
        assert.deepEqual(await conn.readListing(), ['bar', 'foo', 'x']);
        assert.deepEqual(recorded(conn), ['listing line|bar| ', 'listing line|foo|\t', 'listing line||  ']);
        assert.equal(conn.unread, 0);
      });
    });

    test('readLine (the lines the steps compare) gives the line without its padding', async () => {
      await withConnection(sends('Content-Length: 20  \r\n'), async (conn) => {
        assert.deepEqual(await conn.readLine(), Buffer.from('Content-Length: 20'));
        assert.deepEqual(recorded(conn), ['line|Content-Length: 20|  ']);
      });
    });

    test('a CR inside the trailing spaces is not stripped: the line is judged with it', async () => {
      await withConnection(sends('0 OK \r \r\n'), async (conn) => {
        await assert.rejects(conn.readStatus(), /: "0 OK \\r \\r\\n" is not of the form/);
      });
      await withConnection(sends('41 \r \r\n'), async (conn) => {
        await assert.rejects(conn.readSize(), /is not a decimal size/);
      });
      await withConnection(sends('YWJj \r \r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(3), /not ended by CR LF/);
      });
    });

    test('a payload line: spaces, several spaces, tabs', async () => {
      for (const padding of [' ', '    ', '\t', ' \t ']) {
        await withConnection(sends(`YWJj${padding}\r\n`), async (conn) => {
          assert.deepEqual(await conn.readPayload(3), { bytes: Buffer.from('abc'), lines: 1 });
          assert.deepEqual(recorded(conn), [`payload line 1|YWJj|${padding}`]);
          assert.equal(conn.unread, 0);
        });
      }
    });

    test('a padded (=) payload line that ends in spaces', async () => {
      await withConnection(sends('YWI= \r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(2), { bytes: Buffer.from('ab'), lines: 1 });
      });
    });

    test('several payload lines, each padded on its own and ending in spaces or tabs', async () => {
      await withConnection(sends('YWJj \r\nZGU=\t\r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(5), { bytes: Buffer.from('abcde'), lines: 2 });
        assert.deepEqual(recorded(conn), ['payload line 1|YWJj| ', 'payload line 2|ZGU=|\t']);
      });
    });

    test('padded payload lines split at every position', async () => {
      const wire = 'YWJj  \r\nZGU= \t\r\n';
      for (let i = 1; i < wire.length; i++) {
        await withConnection(sendsInPieces([wire.slice(0, i), wire.slice(i)], 5), async (conn) => {
          assert.deepEqual(await conn.readPayload(5), { bytes: Buffer.from('abcde'), lines: 2 }, `split at ${i}`);
          assert.deepEqual(recorded(conn), ['payload line 1|YWJj|  ', 'payload line 2|ZGU=| \t'], `split at ${i}`);
        });
      }
    });

    test('a long padded payload line is recorded by its last 40 characters', async () => {
      const bytes = Buffer.alloc(300, 'x');
      await withConnection(sends(`${bytes.toString('base64')} \r\n`), async (conn) => {
        assert.deepEqual((await conn.readPayload(300)).bytes, bytes);
        assert.deepEqual(recorded(conn), [`payload line 1|...${'eHh4'.repeat(10)}| `]);
      });
    });

    test('the empty payload line of SIZE 0, as spaces', async () => {
      await withConnection(sends('  \r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(0), { bytes: Buffer.alloc(0), lines: 1 });
        assert.deepEqual(recorded(conn), ['payload line||  ']);
      });
    });

    test('a payload line of only spaces, before all the bytes, is empty', async () => {
      await withConnection(sends('   \r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(3), /line 1 is empty/);
      });
    });

    test('spaces followed by more base64 are inside the line: not base64', async () => {
      await withConnection(sendsInPieces(['YWJj ', 'ZGVm\r\n'], 10), async (conn) => {
        await assert.rejects(conn.readPayload(6), /not base64 at character 0: " ZGVm/);
      });
      await withConnection(sends('YWI= YQ==\r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(3), ProtocolViolation);
      });
    });

    test('spaces that never end: a ProtocolViolation, not an endless buffer', async () => {
      await withConnection(sends(`YWJj${' '.repeat(200_000)}`), async (conn) => {
        await assert.rejects(conn.readPayload(3), /more than 65536 spaces and tabs, and no end of line/);
      });
    });

    test('exact reads stay exact', async () => {
      await withConnection(sends('0 OK \r\n'), async (conn) => {
        assert.deepEqual(await conn.readBytes(7), Buffer.from('0 OK \r\n'));
        assert.deepEqual(conn.paddedLines, []);
      });
    });

    test('the first 100 padded lines are kept, all are counted', async () => {
      const names = Array.from({ length: 150 }, (_, i) => `f${i}`);
      await withConnection(sends(`${names.map((n) => `${n} \r\n`).join('')}\r\n`), async (conn) => {
        assert.deepEqual(await conn.readListing(), names);
        assert.equal(conn.paddedLines.length, 100);
        assert.equal(conn.paddedLineCount, 150);
        assert.equal(conn.paddedLines[0].client, 'A');
      });
    });
  });
});
