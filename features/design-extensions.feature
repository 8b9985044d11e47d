Feature: The error limit and the ASCII check (extensions a server may declare)

  Two defences that some servers add and the statements do not require (they come from
  the design of a student group this project follows). A server that has them declares
  them as capabilities, error-limit and ascii-check; their rules do not apply to others.

  MAX_ERRORS is the server's error limit (5 in that design). Only error answers (2xx
  other than 0) count towards it; successes do not reset the count, and each connection
  counts its own.

  @LIMIT-1 @ext @error-limit
  Rule: LIMIT-1: after MAX_ERRORS error answers on one connection, the next request gets 101, then close

    Scenario: The request after the last allowed error
      When the client makes MAX_ERRORS errors with "verdura\r\n", each answered with status 200
      And the client sends "get_metadata archivo.txt\r\n"
      Then the server answers with status 101
      And the server closes the connection

    Scenario: Successes in between do not reset the count
      When the client makes MAX_ERRORS errors with "get_metadata missing.txt\r\n", each answered with status 202, with a successful "get_metadata archivo.txt\r\n" between them
      And the client sends "get_file_listing\r\n"
      Then the server answers with status 101
      And the server closes the connection

    Scenario: Each connection counts its own errors
      When the client makes MAX_ERRORS errors with "quit now\r\n", each answered with status 201
      And the client closes the connection
      Then a new client that sends "get_metadata archivo.txt\r\n" receives status 0
      And the server sends a line (META-1 checks it is "41")

  @ASCII-1 @ext @ascii-check
  Rule: ASCII-1: a request with a byte above 0x7f gets 101, then close

    Scenario Outline: A byte above 0x7f: <where>
      When the client sends "<request>"
      Then the server answers with status 101
      And the server closes the connection

      Examples:
        | where                                       | request                          |
        | a Latin-1 byte in a file name               | get_metadata archivo\xe9.txt\r\n |
        | UTF-8 in a file name ("año.txt")            | get_metadata a\xc3\xb1o.txt\r\n  |
        | a byte above 0x7f in the command            | get_\x80metadata archivo.txt\r\n |

    Scenario: The server goes on serving others
      When the client sends "get_metadata a\xc3\xb1o.txt\r\n"
      Then the server answers with status 101
      And the server closes the connection
      And a new client that sends "get_metadata archivo.txt\r\n" receives status 0
      And the server sends a line (META-1 checks it is "41")

  @ASCII-2 @info @without-ascii-check
  Rule: ASCII-2: a byte above 0x7f, for a server without the ASCII check (the statements do not say)

    Scenario: UTF-8 in a file name
      When the client sends "get_metadata a\xc3\xb1o.txt\r\n"
      Then the server's answer is one of: 200, 201, 202, 100 then close, 101 then close, 199 then close, close
      When the client closes the connection
      Then a new client that sends "get_metadata archivo.txt\r\n" receives status 0
      And the server sends a line (META-1 checks it is "41")
