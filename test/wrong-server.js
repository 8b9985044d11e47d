#!/usr/bin/env node
// A deliberately wrong HFTP server, written the way a student's first version might be, for
// the CLI's own tests: it must be found NOT CONFORMANT, and the broken rules named.
//
// Its three bugs:
//   LIST-1   the listing has no empty line at the end
//   SLICE-2  a slice that ends exactly at the end of the file gets 203
//   STATUS-2 after 100 BAD EOL it keeps the connection open
// Everything else is meant to be right. Usage: node test/wrong-server.js -p PORT -d DIR
const net = require('node:net');
const fs = require('node:fs');
const path = require('node:path');

const arg = (flag, fallback) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : fallback);
const port = Number(arg('-p', 19500));
const dir = arg('-d', 'testdata');
const NAME = /^[A-Za-z0-9._-]+$/;

function answer(line) {
  const [command, ...args] = line.split(' ');
  if (!['get_file_listing', 'get_metadata', 'get_slice', 'quit'].includes(command)) return '200 NO SUCH COMMAND\r\n';
  if (args.includes('')) return '201 INVALID ARGUMENTS FOR COMMAND\r\n';
  const file = (name) => {
    if (!NAME.test(name)) return null;
    try {
      const stats = fs.lstatSync(path.join(dir, name));
      return stats.isFile() ? stats : undefined;
    } catch {
      return undefined;
    }
  };
  switch (command) {
    case 'get_file_listing': {
      if (args.length) return '201 INVALID ARGUMENTS FOR COMMAND\r\n';
      const names = fs.readdirSync(dir).filter((n) => fs.lstatSync(path.join(dir, n)).isFile());
      return '0 OK\r\n' + names.map((n) => n + '\r\n').join(''); // bug: no final "\r\n"
    }
    case 'get_metadata': {
      if (args.length !== 1) return '201 INVALID ARGUMENTS FOR COMMAND\r\n';
      const stats = file(args[0]);
      if (stats === null) return '201 INVALID ARGUMENTS FOR COMMAND\r\n';
      return stats ? `0 OK\r\n${stats.size}\r\n` : '202 FILE NOT FOUND\r\n';
    }
    case 'get_slice': {
      if (args.length !== 3 || !/^\d+$/.test(args[1]) || !/^\d+$/.test(args[2])) return '201 INVALID ARGUMENTS FOR COMMAND\r\n';
      const stats = file(args[0]);
      if (stats === null) return '201 INVALID ARGUMENTS FOR COMMAND\r\n';
      if (!stats) return '202 FILE NOT FOUND\r\n';
      const [offset, size] = [Number(args[1]), Number(args[2])];
      if (offset + size >= stats.size) return '203 OFFSET EXCEEDS FILE SIZE\r\n'; // bug: >= instead of >
      const bytes = Buffer.alloc(size);
      const fd = fs.openSync(path.join(dir, args[0]), 'r');
      fs.readSync(fd, bytes, 0, size, offset);
      fs.closeSync(fd);
      return `0 OK\r\n${bytes.toString('base64')}\r\n`;
    }
    case 'quit':
      return args.length ? '201 INVALID ARGUMENTS FOR COMMAND\r\n' : null;
  }
}

net
  .createServer((socket) => {
    let buffer = '';
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end;
      while ((end = buffer.indexOf('\n')) !== -1) {
        if (buffer[end - 1] !== '\r') {
          buffer = '';
          socket.write('100 BAD EOL\r\n'); // bug: and the connection stays open
          return;
        }
        const line = buffer.slice(0, end - 1);
        buffer = buffer.slice(end + 1);
        const response = answer(line);
        if (response === null) return socket.end('0 OK\r\n');
        socket.write(response);
      }
    });
  })
  .listen(port, '127.0.0.1');
