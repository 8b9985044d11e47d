#!/usr/bin/env python3
# encoding: utf-8
# A typical student HFTP server (lab 2 of "Redes y Sistemas Distribuidos", FaMAF), in the
# shape of the course skeleton: server.py -a ADDRESS -p PORT -d DIR.
#
#   python3 server.py --variant quadratic -a 127.0.0.1 -p 19500 -d testdata
#
# --variant picks one of the zoo's servers (see README.md beside this file). The variants
# of the protocol handling are Connection subclasses in variants.py; the variants of how
# clients are accepted are the serve_* functions below:
#   thread per client (default)  the 2024 statement's "several clients at once"
#   one-at-a-time                no threads; conforming under course-2021 (CONC-* off)
#   pool-5                       5 worker threads take sockets from a queue; CONC-2 allows
#                                a cap ("servers with a cap of 2 or 5 are conforming")
#   semaphore-2                  a thread per client, at most 2 served at once (same rule)
#   leaky-pool                   pool-5 whose workers never come back from a client that
#                                vanished (LeakyConnection): breaks ROBUST-1
# Python 3 standard library only.

import argparse
import os
import queue
import socket
import sys
import threading

from constants import DEFAULT_ADDR, DEFAULT_DIR, DEFAULT_PORT
from variants import CONNECTIONS

POOL_SIZE = 5
MAX_SERVED = 2


class Server(object):
    def __init__(self, addr, port, directory, connection_class):
        print("Serving %s on %s:%s." % (directory, addr, port))
        self.directory = directory
        self.connection_class = connection_class
        if not os.path.isdir(directory):
            os.makedirs(directory)
        self.s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.s.bind((addr, port))
        self.s.listen(128)

    def accept(self):
        sock, addr = self.s.accept()
        return sock

    def serve_one(self, sock):
        self.connection_class(sock, self.directory).handle()

    # ------------------------------------------------------------- accept loops

    def serve_threads(self):
        """A thread per client (the base, and every protocol variant)."""
        while True:
            sock = self.accept()
            threading.Thread(target=self.serve_one, args=(sock,), daemon=True).start()

    def serve_one_at_a_time(self):
        """one-at-a-time: the skeleton's loop, no threads; the next client waits in the
        listen backlog until this one quits or goes away."""
        while True:
            self.serve_one(self.accept())

    def serve_pool(self):
        """pool-5 (and leaky-pool): 5 workers take accepted sockets from a queue. A worker
        is free again when its client quits, goes away (EOF, reset) or gets a 1xx."""
        sockets = queue.Queue()

        def worker():
            while True:
                self.serve_one(sockets.get())

        for _ in range(POOL_SIZE):
            threading.Thread(target=worker, daemon=True).start()
        while True:
            sockets.put(self.accept())

    def serve_semaphore(self):
        """semaphore-2: a thread per client, but at most 2 are served at once; the others
        wait in their thread, connected, until a place frees up."""
        places = threading.Semaphore(MAX_SERVED)

        def serve(sock):
            with places:
                self.serve_one(sock)

        while True:
            sock = self.accept()
            threading.Thread(target=serve, args=(sock,), daemon=True).start()


LOOPS = {
    'one-at-a-time': Server.serve_one_at_a_time,
    'pool-5': Server.serve_pool,
    'leaky-pool': Server.serve_pool,
    'semaphore-2': Server.serve_semaphore,
}


def main():
    parser = argparse.ArgumentParser(description='A student HFTP server (the fairness zoo).')
    parser.add_argument('-a', '--address', default=DEFAULT_ADDR, help='address to listen on')
    parser.add_argument('-p', '--port', type=int, default=DEFAULT_PORT, help='port to listen on')
    parser.add_argument('-d', '--datadir', default=DEFAULT_DIR, help='directory to serve')
    parser.add_argument('--variant', default='crlf-framer', choices=sorted(CONNECTIONS),
                        help='which student server to be (default: crlf-framer)')
    options = parser.parse_args()

    server = Server(options.address, options.port, options.datadir, CONNECTIONS[options.variant])
    try:
        LOOPS.get(options.variant, Server.serve_threads)(server)
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == '__main__':
    main()
