# encoding: utf-8
# The base student server's connection: the variant "crlf-framer".
#
# This is the shape of the course skeleton's connection.py, filled in the way most groups
# do it: recv() into a buffer until "\r\n", split the line by spaces, dispatch on the
# command, answer with base64.b64encode of the whole slice. Every variant in variants.py
# changes one method of this class (or, for the concurrency variants, the accept loop in
# server.py).
#
# Choices this base makes, and the rule that allows each one:
#  - It frames requests at "\r\n" and only then looks for a "\n" inside the line (-> 100).
#    So "qui\nt\n\r\n" gets 100 and a close (FRAME-4), but "quit\n" with no "\r\n" ever
#    sent is never answered: only the should rule FRAME-5 asks for that.
#  - An empty line is the command "" -> 200 (FRAME-7 allows 200).
#  - Tokens are split on single spaces: "get_metadata  x" is 3 tokens -> 201, a tab is part
#    of the command -> 200 (FRAME-8 allows both).
#  - A negative OFFSET or SIZE gets 201 (SLICE-4). int() reads "+5" and "005" as numbers
#    (SLICE-7 allows it).
#  - Names with "/" or ".." are refused with 202 (NAME-1). Only regular files are served,
#    never a symlink (NAME-3 allows 202), and only those are listed (LIST-5).
#  - The line buffer is a bytearray and the search for "\r\n" starts where the last one
#    stopped, so a 5 MiB line costs linear time (FRAME-9, ROBUST-6).
#  - A client that goes away (EOF, BrokenPipe, ConnectionReset) ends its connection only
#    (ROBUST-1). Any other exception gets 199 and a close.

import base64
import os

from constants import (BAD_EOL, BAD_OFFSET, BUFSIZE, CODE_OK, EOL, FILE_NOT_FOUND,
                       INTERNAL_ERROR, INVALID_ARGUMENTS, INVALID_COMMAND, fatal_status,
                       status_line)


class Connection(object):
    """One client: reads its requests and answers them, until quit or a fatal error."""

    def __init__(self, socket, directory):
        self.socket = socket
        self.directory = directory
        self.buffer = bytearray()
        self.connected = True

    # ------------------------------------------------------------------ sending

    def send_line(self, text):
        """Send one line of the answer (status line, name, size or payload)."""
        self.socket.sendall((text + EOL).encode('ascii'))

    def send_status(self, code):
        self.send_line(status_line(code))
        if fatal_status(code):
            self.connected = False   # 1xx: the connection closes after the status line

    # ------------------------------------------------------------------ receiving

    def read_line(self):
        """The next request line without its "\\r\\n", or None when the client is gone."""
        start = 0
        while True:
            eol = self.buffer.find(b'\r\n', start)
            if eol != -1:
                line = bytes(self.buffer[:eol])
                del self.buffer[:eol + 2]
                return line.decode('latin-1')
            # Only the new bytes (and the last old one, a possible "\r") are searched again.
            start = max(len(self.buffer) - 1, 0)
            data = self.socket.recv(BUFSIZE)
            if not data:
                return None
            self.buffer += data

    def client_gone(self):
        """The client went away without quit (EOF or reset): nothing to do but close."""

    # ------------------------------------------------------------------ main loop

    def handle(self):
        """Serve this client until quit, a fatal error, or until it goes away."""
        try:
            while self.connected:
                line = self.read_line()
                if line is None:
                    self.client_gone()
                    break
                try:
                    self.handle_line(line)
                except (ConnectionError, TimeoutError):
                    raise
                except Exception as e:   # a bug of ours: say so, and close
                    print('internal error: %r' % e)
                    self.send_status(INTERNAL_ERROR)
        except (ConnectionError, TimeoutError):
            # BrokenPipeError, ConnectionResetError...: the client dropped the connection,
            # maybe in the middle of an answer. Only this connection ends.
            self.client_gone()
        finally:
            self.close()

    def close(self):
        try:
            self.socket.close()
        except OSError:
            pass

    def handle_line(self, line):
        if '\n' in line:
            self.bad_eol()
            return
        parts = line.split(' ')
        command, args = parts[0], parts[1:]
        if command not in self.COMMANDS:
            self.send_status(INVALID_COMMAND)
        else:
            getattr(self, command)(args)

    def bad_eol(self):
        self.send_status(BAD_EOL)   # fatal: send_status marks the connection for closing

    # ------------------------------------------------------------------ files

    def valid_name(self, name):
        return name != '' and '/' not in name and '..' not in name

    def file_path(self, name):
        """The path of a file we serve under that name, or None."""
        if not self.valid_name(name):
            return None
        path = os.path.join(self.directory, name)
        # isfile() is False for a missing file, a directory, a NUL in the name and a name
        # too long for the file system (the 5 MiB name of FRAME-9).
        if not os.path.isfile(path) or not self.may_follow(path):
            return None
        return path

    def may_follow(self, path):
        return not os.path.islink(path)

    def list_files(self):
        return sorted(name for name in os.listdir(self.directory)
                      if self.file_path(name) is not None)

    # ------------------------------------------------------------------ commands

    def get_file_listing(self, args):
        if args:
            return self.send_status(INVALID_ARGUMENTS)
        names = self.list_files()
        self.send_status(CODE_OK)
        for name in names:
            self.send_line(name)
        self.send_line('')

    def get_metadata(self, args):
        if len(args) != 1:
            return self.send_status(INVALID_ARGUMENTS)
        path = self.file_path(args[0])
        if path is None:
            return self.send_status(FILE_NOT_FOUND)
        size = os.path.getsize(path)
        self.send_status(CODE_OK)
        self.send_line(str(size))

    def get_slice(self, args):
        if len(args) != 3:
            return self.send_status(INVALID_ARGUMENTS)
        try:
            offset, size = int(args[1]), int(args[2])
        except ValueError:
            return self.send_status(INVALID_ARGUMENTS)
        if self.negative_refused(offset, size):
            return self.send_status(INVALID_ARGUMENTS)
        path = self.file_path(args[0])
        if path is None:
            return self.send_status(FILE_NOT_FOUND)
        if self.out_of_range(offset, size, os.path.getsize(path)):
            return self.send_status(BAD_OFFSET)
        self.send_slice(path, offset, size)

    def negative_refused(self, offset, size):
        return offset < 0 or size < 0

    def out_of_range(self, offset, size, filesize):
        return offset + size > filesize

    def send_slice(self, path, offset, size):
        self.send_status(CODE_OK)
        with open(path, 'rb') as f:
            f.seek(offset)
            data = f.read(size)
        self.send_line(base64.b64encode(data).decode('ascii'))

    def quit(self, args):
        if args:
            return self.send_status(INVALID_ARGUMENTS)
        self.send_status(CODE_OK)
        self.connected = False

    COMMANDS = ('get_file_listing', 'get_metadata', 'get_slice', 'quit')
