Feature: quit: ending a session

  "quit" takes no arguments. The server answers "0 OK", then closes the connection.

      client: quit\r\n
      server: 0 OK\r\n
              (closes)

  @QUIT-1 @must
  Rule: QUIT-1: quit gives 0 OK, then the server closes within 0.5 s

    Scenario: The course's quit
      When the client sends "quit\r\n"
      Then the server answers with status 0
      And the server closes the connection within 500 ms

    Scenario: quit after other requests
      When the client sends "get_metadata archivo.txt\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")
      When the client sends "quit\r\n"
      Then the server answers with status 0
      And the server closes the connection within 500 ms

  @QUIT-2 @must
  Rule: QUIT-2: quit with arguments gets 201, and the connection stays open

    Scenario: The course's quit with extra words
      When the client sends "quit passing extra arguments!\r\n"
      Then the server answers with status 201
      When the client sends "get_metadata archivo.txt\r\n"
      Then the server answers with status 0
      And the server sends a line (META-1 checks it is "41")

  @QUIT-3 @should
  Rule: QUIT-3: requests pipelined after quit are not answered

    Scenario: A listing sent in the same segment after quit
      When the client sends "quit\r\nget_file_listing\r\n"
      Then the server answers with status 0
      And the server closes the connection within 500 ms
