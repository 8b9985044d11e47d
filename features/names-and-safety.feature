Feature: File names and the served directory

  The server serves the files of one directory and nothing else. File names contain no
  spaces; the reference accepts the characters A-Z a-z 0-9 . - _ only. A name that would
  reach outside the directory should be refused (201 or 202), never answered "0 OK".

  @NAME-1 @should
  Rule: NAME-1: a name that leaves the served directory never gets 0 OK

    # Only names that leave the directory: "." or a subdirectory do not (the reference's
    # own answers to them are below, as reference scenarios).

    Scenario Outline: A name that leaves the directory: <name>
      When the client sends "get_metadata <name>\r\n"
      Then the server's answer is one of: 201, 202

      Examples:
        | name                   |
        | ../archivo.txt         |
        | /etc/passwd            |
        | a/../../x              |
        | ..                     |
        | %2e%2e%2fetc%2fpasswd  |
        | ..%2f..%2fetc%2fpasswd |
        | ..\x5c..\x5cetc\x5cpasswd |
        | archivo.txt\0../x      |
        | \0                     |

    Scenario: A slice of a file outside the directory
      When the client sends "get_slice /etc/passwd 0 1\r\n"
      Then the server's answer is one of: 201, 202


    @reference
    Scenario: The reference refuses characters outside the valid set with 201
      When the client sends "get_metadata ../archivo.txt\r\n"
      Then the server answers with status 201

    @reference
    Scenario: The reference answers "." and ".." with 202 (they are not files)
      When the client sends "get_metadata ..\r\n"
      Then the server answers with status 202
      When the client sends "get_metadata .\r\n"
      Then the server answers with status 202

    @managed-dir @reference
    Scenario: The reference answers a subdirectory with 202 (it is not a file)
      Given the served directory also holds a subdirectory "subdir"
      When the client sends "get_metadata subdir\r\n"
      Then the server answers with status 202

  @NAME-3 @info
  Rule: NAME-3: a symlink the directory's owner placed inside, pointing outside (the statements do not say)

    # Whoever can put a symlink in the served directory can also copy the file there:
    # following it is an administrator's choice, as in web servers.
    @managed-dir
    Scenario: A symlink that points outside the directory
      Given the served directory also holds a symlink "outside" to "/etc/passwd"
      When the client sends "get_slice outside 0 1\r\n"
      Then the server's answer is one of: 0, 201, 202

    @managed-dir @reference
    Scenario: The reference serves regular files only (202)
      Given the served directory also holds a symlink "outside" to "/etc/passwd"
      When the client sends "get_slice outside 0 1\r\n"
      Then the server answers with status 202

  @NAME-2 @info
  Rule: NAME-2: a name with other characters that does exist on disk (the statements do not say)

    @managed-dir
    Scenario: A "+" in the name of an existing file
      Given the served directory also holds a file "a+b.txt" containing "ab"
      When the client sends "get_metadata a+b.txt\r\n"
      Then the server's answer is one of: 0, 201, 202
      And if the status was 0, the server sends the line "2"

    @managed-dir @reference
    Scenario: The reference refuses it (201)
      Given the served directory also holds a file "a+b.txt" containing "ab"
      When the client sends "get_metadata a+b.txt\r\n"
      Then the server answers with status 201
