#!/usr/bin/env node
// A hostile target for the CLI's own tests: it accepts connections and reads everything,
// but never answers and never closes. Usage: node test/silent-server.js -p PORT
const net = require('node:net');
const port = Number(process.argv[process.argv.indexOf('-p') + 1]);
net.createServer((socket) => socket.on('error', () => {}).resume()).listen(port, '127.0.0.1');
