Feature: Framing: where a request ends

  A request is one line of ASCII text ended by CR LF. TCP carries a stream of bytes, not
  messages: one segment may hold several requests, and one request may arrive in many
  segments, even with its CR and its LF apart. The server cuts requests at CR LF, however
  the bytes arrive, and a LF without its CR is a fatal error (status 100).

  In every scenario, a quoted string is the exact bytes on the wire: "\r" is CR (0x0d),
  "\n" is LF (0x0a), "\0" is NUL and "\xHH" any other byte.

  @FRAME-1 @must
  Rule: FRAME-1: a request ends at CR LF, and the answer follows it

    Scenario: A request ended by CR LF is answered
      When the client sends "get_metadata archivo.txt\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")

    Scenario: Nothing is answered before the CR LF arrives
      When the client sends "get_metadata archivo.txt"
      Then the server sends nothing yet
      When the client sends "\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")

    Scenario: A CR is not the end of a request: the LF is
      When the client sends "get_metadata archivo.txt\r"
      Then the server sends nothing yet
      When the client sends "\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")

  @FRAME-2 @must
  Rule: FRAME-2: several requests in one segment are each answered, in order

    # Three answers that differ in their status show the order, whatever the sizes say.
    Scenario: Three requests in one segment get three answers, in order
      When the client sends "get_metadata archivo.txt\r\nget_slice archivo.txt 40 2\r\nget_metadata missing.txt\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")
      And the server answers with status 203
      And the server answers with status 202

    Scenario: An error between two requests in one segment is answered in its place
      When the client sends "get_metadata archivo.txt\r\nverdura\r\nget_metadata pangram.txt\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")
      And the server answers with status 200
      And the server answers with status 0
      And the server sends a line (META-1 checks it is "44")

    Scenario: The course's two listings in one segment
      When the client sends "get_file_listing\r\nget_file_listing\r\n"
      Then the server answers with status 0
      And the listing names exactly the fixture files, in any order
      And the server answers with status 0
      And the listing names exactly the fixture files, in any order

  @FRAME-3 @must
  Rule: FRAME-3: a request split over many segments is answered once it is complete

    Scenario: A request sent one byte at a time
      When the client sends "get_metadata archivo.txt\r\n" one byte at a time, 10 ms apart
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")

    # What follows the answer to quit (the close) is QUIT-1's concern, not this rule's.
    Scenario: The course's quit, one byte at a time
      When the client sends "quit\r\n" one byte at a time, 100 ms apart
      Then the server answers with status 0

    Scenario: The CR and the LF in different segments
      When the client sends these pieces, 50 ms apart:
        | "get_meta"          |
        | "data archivo.txt\r" |
        | "\n"                |
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")

    Scenario: A second between the pieces, as the course's slow client sends them
      When the client sends these pieces, 1000 ms apart:
        | "qu"   |
        | "it\r" |
        | "\n"   |
      Then the server answers with status 0

  @FRAME-4 @must
  Rule: FRAME-4: a LF not preceded by CR gets 100, then the connection closes

    # A server may look for a bare LF only once a CR LF has ended the line: every scenario
    # of this rule sends a CR LF after the bare LF. "quit\n" with no CR LF ever is FRAME-5's.
    Scenario: The course's bad end of line
      When the client sends "qui\nt\n\r\n"
      Then the server answers with status 100
      And the server closes the connection

    Scenario: A bare LF at the end of a request, before its CR LF
      When the client sends "get_metadata archivo.txt\n\r\n"
      Then the server answers with status 100
      And the server closes the connection

    @reference
    Scenario: The reference answers 100 as soon as the LF arrives, before any CR LF
      When the client sends "qui\n"
      Then the server sends exactly "100 BAD EOL\r\n"
      And the server closes the connection

  @FRAME-5 @should
  Rule: FRAME-5: a bare LF with no CR LF ever sent is answered within the read timeout

    Scenario: "quit\n" alone is not left hanging
      When the client sends "quit\n"
      Then the server answers with status 100
      And the server closes the connection

  @FRAME-6 @info
  Rule: FRAME-6: a CR not followed by LF (the statements do not say)

    Scenario: A CR inside the command
      When the client sends "qu\rit\r\n"
      Then the server's answer is one of: 100 then close, 101 then close, 200, 201, close

    @reference
    Scenario: The reference treats a lone CR as a bad end of line
      When the client sends "qu\rit\r\n"
      Then the server sends exactly "100 BAD EOL\r\n"
      And the server closes the connection

  @FRAME-7 @info
  Rule: FRAME-7: an empty line (the statements before 2026 do not say)

    Scenario: An empty line
      When the client sends "\r\n"
      Then the server's answer is one of: no answer, 200, 201, 101 then close
      And if the connection is still open, "get_metadata archivo.txt\r\n" is still answered with status 0

    @reference
    Scenario: The reference closes on an empty line, as the 2026 kickstart does
      When the client sends "\r\n"
      Then the server sends exactly "101 BAD REQUEST\r\n"
      And the server closes the connection

  @FRAME-8 @info
  Rule: FRAME-8: extra spaces and tabs between elements (the statements do not say)

    Scenario Outline: Extra spacing: <spacing>
      When the client sends "<request>"
      Then the server's answer is one of: 0, 200, 201, 101 then close
      And if the status was 0, the server sends the line "41"

      Examples:
        | spacing                                 | request                       |
        | two spaces between command and argument | get_metadata  archivo.txt\r\n |
        | a leading space                         | \x20get_metadata archivo.txt\r\n  |
        | a trailing space                        | get_metadata archivo.txt \r\n |
        | a tab instead of the space              | get_metadata\tarchivo.txt\r\n |

    @reference
    Scenario: The reference: a known command with bad spacing gets 201
      When the client sends "get_metadata  archivo.txt\r\n"
      Then the server sends exactly "201 INVALID ARGUMENTS FOR COMMAND\r\n"

    @reference
    Scenario: The reference: an empty first element is no command (200)
      When the client sends " get_metadata archivo.txt\r\n"
      Then the server sends exactly "200 NO SUCH COMMAND\r\n"

  @FRAME-9 @must
  Rule: FRAME-9: a 5 MiB request line is read whole and answered, and the server keeps serving

    Scenario: The course's 5 MiB file name
      # The course's own allowances: the upload may take up to 120 s as long as the server
      # keeps reading, and the answer up to 18 s after the last byte. (Answering within
      # 10 s is ROBUST-6, a should.)
      When the client sends "get_metadata ", then 5 MiB of "a", then "\r\n"
      Then within 18 s the server answers with status 202
      When the client sends "get_metadata archivo.txt\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")
