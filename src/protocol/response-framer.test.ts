import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FramedResponse, ResponseFramer } from './response-framer';
import * as serialize from './response-serializer';

const requests = ['get_file_listing', 'get_metadata a', 'get_slice a 0 5', 'get_slice a 0 3 raw', 'verdura', 'get_metadata zzz', 'quit'];
const answers = [
  serialize.listing(['a', 'b']),
  serialize.metadata(41),
  serialize.base64Slice(Buffer.from('abcde')).toString('latin1'),
  serialize.rawSlice(Buffer.from('\r\n\0')).toString('latin1'),
  '200 NO SUCH COMMAND\r\n',
  '202 FILE NOT FOUND\r\n',
  '0 OK\r\n',
];

function frame(pieces: string[]): string[] {
  const pending = [...requests];
  const framed: string[] = [];
  const framer = new ResponseFramer(
    () => pending[0] ?? '',
    ({ bytes, request, status }) => {
      assert.equal(request, pending.shift());
      framed.push(`${status.code}|${bytes.toString('latin1')}`);
    },
  );
  for (const piece of pieces) framer.push(Buffer.from(piece, 'latin1'));
  assert.equal(framer.pending, 0);
  return framed;
}

describe('ResponseFramer: whole responses, by the request they answer (the mutant proxy)', () => {
  test('each response whole, by the request it answers, however the bytes are cut', () => {
    const wire = answers.join('');
    const whole = frame([wire]);
    assert.deepEqual(
      whole,
      answers.map((answer) => `${answer.split(' ')[0]}|${answer}`),
    );
    for (let i = 1; i < wire.length; i++) assert.deepEqual(frame([wire.slice(0, i), wire.slice(i)]), whole, `split at ${i}`);
    assert.deepEqual(frame([...wire]), whole, 'a byte at a time');
  });

  test('bytes that are not a response stay unframed, for the proxy to pass on', () => {
    const framer = new ResponseFramer(
      () => 'quit',
      () => assert.fail('nothing to frame'),
    );
    framer.push(Buffer.from('0OK\r\n'));
    assert.equal(framer.rest().toString('latin1'), '0OK\r\n');
  });

  test('each response read: the status and what follows it', () => {
    const read = (i: number): FramedResponse => {
      let response: FramedResponse | undefined;
      const framer = new ResponseFramer(
        () => requests[i],
        (framed) => {
          response = framed;
        },
      );
      framer.push(Buffer.from(answers[i], 'latin1'));
      assert.ok(response, `answer ${i} framed`);
      return response;
    };
    assert.deepEqual(read(0).names, ['a', 'b']);
    assert.equal(read(1).size, 41);
    assert.deepEqual(read(2).payload, Buffer.from('abcde'));
    assert.deepEqual(read(3).payload, Buffer.from('\r\n\0'));
    assert.deepEqual(read(5).status, { code: 202, text: 'FILE NOT FOUND' });
  });
});
