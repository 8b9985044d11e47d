# encoding: utf-8
# Constants of the HFTP lab, as in the course skeleton's constants.py.

DEFAULT_DIR = 'testdata'
DEFAULT_ADDR = '127.0.0.1'   # the skeleton says '0.0.0.0'; the zoo only ever serves loopback
DEFAULT_PORT = 19500

BUFSIZE = 4096               # bytes per recv()
EOL = '\r\n'

CODE_OK = 0
BAD_EOL = 100
BAD_REQUEST = 101
INTERNAL_ERROR = 199
INVALID_COMMAND = 200
INVALID_ARGUMENTS = 201
FILE_NOT_FOUND = 202
BAD_OFFSET = 203

error_messages = {
    CODE_OK: "OK",
    BAD_EOL: "BAD EOL",
    BAD_REQUEST: "BAD REQUEST",
    INTERNAL_ERROR: "INTERNAL SERVER ERROR",
    INVALID_COMMAND: "NO SUCH COMMAND",
    INVALID_ARGUMENTS: "INVALID ARGUMENTS FOR COMMAND",
    FILE_NOT_FOUND: "FILE NOT FOUND",
    BAD_OFFSET: "OFFSET EXCEEDS FILE SIZE",
}


def valid_status(s):
    return s in error_messages


def fatal_status(s):
    assert valid_status(s)
    return 100 <= s < 200


def status_line(code):
    """The status line of a code, without its EOL: '0 OK', '202 FILE NOT FOUND'."""
    return '%d %s' % (code, error_messages[code])
