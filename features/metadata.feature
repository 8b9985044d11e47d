Feature: get_metadata: the size of a file

  "get_metadata FILENAME" answers "0 OK", then the size of the file in bytes, in decimal,
  on a line of its own:

      client: get_metadata archivo.txt\r\n
      server: 0 OK\r\n
              41\r\n

  @META-1 @must
  Rule: META-1: get_metadata gives 0 OK and the size in bytes, in decimal

    Scenario Outline: The size of <file>
      When the client sends "get_metadata <file>\r\n"
      Then the server answers with status 0
      And the server sends the line "<size>"

      Examples:
        | file        | size     |
        | archivo.txt | 41       |
        | pangram.txt | 44       |
        | x123459.txt | 123459   |
        | empty.txt   | 0        |
        | big33M.bin  | 33292288 |

  @META-2 @must
  Rule: META-2: get_metadata of a missing file gets 202

    Scenario: The course's missing file
      When the client sends "get_metadata does_not_exist\r\n"
      Then the server answers with status 202

  @META-3 @must
  Rule: META-3: get_metadata with no argument, or more than one, gets 201

    Scenario: The course's get_metadata without its argument
      When the client sends "get_metadata\r\n"
      Then the server answers with status 201

    Scenario: Two arguments
      When the client sends "get_metadata archivo.txt pangram.txt\r\n"
      Then the server answers with status 201
