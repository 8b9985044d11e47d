import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Expectation, type ResponseMessage, ResponseParser } from './response-parser';
import * as serialize from './response-serializer';
import { StatusCode } from './status-code';

/** What the parser reads back from a serialized response. */
function readBack(wire: string | Buffer, body: Expectation | null): ResponseMessage[] {
  const parser = new ResponseParser();
  const messages: ResponseMessage[] = [];
  parser.expect({ kind: 'status' });
  parser.parse(typeof wire === 'string' ? Buffer.from(wire, 'latin1') : wire, (m) => {
    messages.push(m);
    if (m.kind === 'status') parser.expect(body);
  });
  assert.equal(parser.unread, 0, 'every byte read');
  return messages;
}

describe('response serializer', () => {
  test("status lines: the table's text, or another", () => {
    assert.equal(serialize.statusLine(StatusCode.OK), '0 OK\r\n');
    assert.equal(serialize.statusLine(StatusCode.INVALID_ARGUMENTS), '201 INVALID ARGUMENTS FOR COMMAND\r\n');
    assert.equal(serialize.statusLine(202, 'no existe'), '202 no existe\r\n');
  });

  test('listing, help, metadata: the bytes, and the parser reads them back', () => {
    assert.equal(serialize.listing(['bar', 'foo']), '0 OK\r\nbar\r\nfoo\r\n\r\n');
    assert.equal(serialize.listing([]), '0 OK\r\n\r\n');
    assert.equal(serialize.help(['quit']), '0 OK\r\nquit\r\n\r\n');
    assert.equal(serialize.metadata(41), '0 OK\r\n41\r\n');
    assert.deepEqual(
      readBack(serialize.listing(['bar']), { kind: 'listing' }).map((m) => m.kind),
      ['status', 'name', 'listingEnd'],
    );
    assert.deepEqual(readBack(serialize.metadata(41), { kind: 'size' })[1], { kind: 'size', size: 41 });
  });

  test('base64 slices: one line, several padded lines, empty', () => {
    const payload = Buffer.from('calor que hace hoy, ');
    assert.equal(serialize.base64Slice(payload).toString('latin1'), '0 OK\r\nY2Fsb3IgcXVlIGhhY2UgaG95LCA=\r\n');
    assert.equal(serialize.base64Slice(Buffer.alloc(0)).toString('latin1'), '0 OK\r\n\r\n');
    const lines = serialize.base64Slice(payload, { lineBytes: 7, lineEnd: ' \r\n' });
    assert.equal(lines.toString('latin1'), '0 OK\r\nY2Fsb3IgcQ== \r\ndWUgaGFjZQ== \r\nIGhveSwg \r\n');
    const chunks = readBack(lines, { kind: 'base64', size: payload.length }).flatMap((m) => (m.kind === 'payloadChunk' ? [m.bytes] : []));
    assert.deepEqual(Buffer.concat(chunks), payload);
  });

  test('raw slices: head, then the bytes as they are', () => {
    assert.equal(serialize.rawSliceHead(3), '0 OK\r\nContent-Length: 3\r\n\r\n');
    const wire = serialize.rawSlice(Buffer.from('a\r\n'));
    assert.equal(wire.toString('latin1'), '0 OK\r\nContent-Length: 3\r\n\r\na\r\n');
    assert.deepEqual(
      readBack(wire, { kind: 'raw' }).map((m) => m.kind),
      ['status', 'rawLength', 'rawChunk', 'rawEnd'],
    );
  });

  test('pad: spaces before every CR LF', () => {
    assert.equal(serialize.pad('0 OK\r\nbar\r\n\r\n'), '0 OK \r\nbar \r\n \r\n');
    assert.equal(serialize.pad('0 OK\r\n', '\t'), '0 OK\t\r\n');
  });
});
