# encoding: utf-8
# The variants of the base Connection (connection.py): each one is the smallest change a
# real group makes, and says which rule allows it (conforming variants) or which must rule
# it breaks (broken variants). The variants that change how clients are accepted
# (one-at-a-time, pool-5, semaphore-2, leaky-pool) live in server.py and use the base
# Connection, except leaky-pool, whose workers use LeakyConnection below.

import base64
import os
import time

from connection import Connection
from constants import BAD_EOL, BUFSIZE, CODE_OK, EOL, status_line


# ----------------------------------------------------------------- conforming variants

class IgnoresEmptyLines(Connection):
    """ignores-empty-lines: an empty line "\\r\\n" gets no answer at all.

    FRAME-7 (info) allows it: "ignored (no answer), 200, 201, 101+close".
    """

    def handle_line(self, line):
        if line == '':
            return
        Connection.handle_line(self, line)


class Negative203(Connection):
    """negative-203: a negative OFFSET or SIZE is "out of the file" (203), not 201.

    The group folded the sign check into the range check. SLICE-4 allows 201 or 203 for a
    negative number (never 0, never a crash).
    """

    def negative_refused(self, offset, size):
        return False

    def out_of_range(self, offset, size, filesize):
        return offset < 0 or size < 0 or offset + size > filesize


class TrailingSpace(Connection):
    """trailing-space: every line it sends ends with a space before "\\r\\n".

    "0 OK \\r\\n", "41 \\r\\n", "Y2Fs... \\r\\n", "archivo.txt \\r\\n", and " \\r\\n" for the
    empty line that ends a listing or an empty payload. The course client strips every
    line (and its base64 decoder skips the space), so the course's tests pass. STATUS-7
    (should) warns; no must rule may fail for it.
    """

    def send_line(self, text):
        self.socket.sendall((text + ' ' + EOL).encode('ascii'))


class WholeFile(Connection):
    """whole-file: reads the whole file into memory and builds the whole answer (status line
    and base64 of the slice) before sending its first byte.

    For the 33 MB slice of SLICE-6 the first byte comes only after 33 MB read and 44 MB
    encoded; for a 64 KiB slice of that file it still reads all 33 MB. Nothing in the rules
    limits the server's memory or its time to first byte beyond the read timeout.
    """

    def send_slice(self, path, offset, size):
        with open(path, 'rb') as f:
            content = f.read()                       # the whole file, whatever the slice
        encoded = base64.b64encode(content[offset:offset + size]).decode('ascii')
        response = status_line(CODE_OK) + EOL + encoded + EOL
        self.socket.sendall(response.encode('ascii'))


class Quadratic(Connection):
    """quadratic: the buffer is a str, extended with "+=" at every recv(), and the whole
    buffer is searched for "\\r\\n" again at every recv().

    Each recv() of 4096 bytes copies and rescans everything received so far: a 5 MiB line
    costs about 1280 copies and scans of up to 5 MiB. FRAME-9 (must) gives 18 s after the
    last byte, as the course does; ROBUST-6 (should) warns past 10 s.
    """

    def __init__(self, socket, directory):
        Connection.__init__(self, socket, directory)
        self.buffer = ''

    def read_line(self):
        while EOL not in self.buffer:                # rescans the whole buffer
            data = self.socket.recv(BUFSIZE)
            if not data:
                return None
            self.buffer += data.decode('latin-1')    # copies the whole buffer
        line, self.buffer = self.buffer.split(EOL, 1)
        return line


class FollowsSymlinks(Connection):
    """follows-symlinks: opens os.path.join(dir, name) after checking that the name has no
    "/" and no "..", and follows a symlink that is inside the directory.

    NAME-3 (info): a symlink the directory's owner placed there may be served; NAME-1
    (should) is about names that leave the directory ("../x", "/etc/passwd"), which the
    name check refuses.
    """

    def may_follow(self, path):
        return True


# ----------------------------------------------------------------- broken variants

class LeakyConnection(Connection):
    """leaky-pool (with the pool of server.py): a client that goes away without quit (EOF,
    or a reset in the middle of an answer) is waited for forever.

    The group's loop took recv() == b'' as "no data yet" and polls again; after a reset it
    does the same. The worker never returns to the pool: after 5 such clients nobody is
    served. Breaks ROBUST-1 (must).
    """

    def read_line(self):
        while True:
            try:
                line = Connection.read_line(self)
            except ConnectionError:
                line = None
            if line is not None:
                return line
            time.sleep(0.1)       # "nothing yet": a closed socket says b'' forever

    def client_gone(self):
        self.read_line()          # never returns


class KeepsOpenAfter100(Connection):
    """keeps-open-after-100: answers 100 to a bad end of line, but keeps the connection
    open and goes on with the next request. Breaks STATUS-2 and FRAME-4 (must)."""

    def bad_eol(self):
        self.send_line(status_line(BAD_EOL))   # and no close


class ExtraCrlfAfterErrors(Connection):
    """extra-crlf-after-errors: every error status line is followed by an extra "\\r\\n"
    (the group's error path ends with self.send_line('')). Breaks STATUS-6 (must)."""

    def send_status(self, code):
        Connection.send_status(self, code)
        if code != CODE_OK:
            self.socket.sendall(EOL.encode('ascii'))


class DiesOnHex(Connection):
    """dies-on-hex: the whole server process exits (os._exit, as a leftover debugging
    line would) on one specific request, a get_slice whose OFFSET or SIZE is written in
    hex ("0x10"). No hand-written scenario sends that; the fuzzer (ROBUST-4, should) does,
    and must shrink its random sequence down to that one request."""

    def get_slice(self, args):
        if any(arg.startswith('0x') for arg in args[1:3]):
            os._exit(3)
        Connection.get_slice(self, args)


CONNECTIONS = {
    'crlf-framer': Connection,
    'ignores-empty-lines': IgnoresEmptyLines,
    'negative-203': Negative203,
    'trailing-space': TrailingSpace,
    'whole-file': WholeFile,
    'quadratic': Quadratic,
    'follows-symlinks': FollowsSymlinks,
    'leaky-pool': LeakyConnection,
    'keeps-open-after-100': KeepsOpenAfter100,
    'extra-crlf-after-errors': ExtraCrlfAfterErrors,
    'dies-on-hex': DiesOnHex,
    # These use the base Connection; server.py changes how clients are accepted.
    'one-at-a-time': Connection,
    'pool-5': Connection,
    'semaphore-2': Connection,
}
