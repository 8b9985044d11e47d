Feature: The 2026 revision: help, raw slices, empty lines

  The 2026 kickstart adds a command and a form of get_slice, and fixes what an empty line
  means. A server declares it as the capability hftp-2026 (profile course-2026).

      client: help\r\n
      server: 0 OK\r\n
              get_file_listing\r\n
              get_metadata\r\n
              get_slice\r\n
              quit\r\n
              help\r\n
              \r\n

      client: get_slice archivo.txt 5 20 raw\r\n
      server: 0 OK\r\n
              Content-Length: 20\r\n
              \r\n
              calor que hace hoy,          (exactly 20 bytes, not base64)

  @HELP-1 @ext @hftp-2026
  Rule: HELP-1: help gives 0 OK, one command name per line, then an empty line

    Scenario: The course's help
      When the client sends "help\r\n"
      Then the server answers with status 0
      And the server sends these command names, one per line in any order, then an empty line; help may be among them:
        | get_file_listing |
        | get_metadata     |
        | get_slice        |
        | quit             |
      And the server sends nothing more and keeps the connection open

  @RAW-1 @ext @hftp-2026
  Rule: RAW-1: get_slice F O S raw gives 0 OK, a Content-Length header, an empty line, then S raw bytes

    Scenario: The statement's example, raw
      When the client sends "get_slice archivo.txt 5 20 raw\r\n"
      Then the server answers with status 0
      And the server sends the line "Content-Length: 20"
      And the server sends the line ""
      And the server sends exactly "calor que hace hoy, "

    Scenario: All 256 byte values, raw, then another request
      When the client sends "get_slice bytes256.bin 0 256 raw\r\n"
      Then the server answers with status 0
      And the server sends the line "Content-Length: 256"
      And the server sends the line ""
      And the server sends the 256 raw bytes of "bytes256.bin" from offset 0
      When the client sends "get_metadata archivo.txt\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")

    Scenario: The course's partial raw slice
      When the client sends "get_slice nul300.bin 95 10 raw\r\n"
      Then the server answers with status 0
      And the server sends the line "Content-Length: 10"
      And the server sends the line ""
      And the server sends exactly "AAAAA\0\0\0\0\0"

    Scenario: SIZE 0, raw
      When the client sends "get_slice archivo.txt 41 0 raw\r\n"
      Then the server answers with status 0
      And the server sends the line "Content-Length: 0"
      And the server sends the line ""
      And the server sends nothing more and keeps the connection open

  @RAW-2 @ext @hftp-2026
  Rule: RAW-2: a fifth get_slice token other than raw gets 201

    Scenario: The course's "rawx"
      When the client sends "get_slice archivo.txt 0 1 rawx\r\n"
      Then the server answers with status 201

    Scenario: "RAW" in capitals
      When the client sends "get_slice archivo.txt 0 1 RAW\r\n"
      Then the server answers with status 201

  @EMPTY-1 @ext @hftp-2026
  Rule: EMPTY-1: an empty line gets 101, then close

    Scenario: The course's empty line
      When the client sends "\r\n"
      Then the server answers with status 101
      And the server closes the connection

    Scenario: An empty line after a request
      When the client sends "get_metadata archivo.txt\r\n\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")
      And the server answers with status 101
      And the server closes the connection
